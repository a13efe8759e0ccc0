package dev.gatewaydoctor.facts;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/factset.md is the format's reference for users: it must name everything the reader accepts. */
class FactSetFormatTest {

    @Test
    void theFormatPageNamesEveryFieldFactTypeSourceAndOutcome() throws Exception {
        String doc = Files.readString(Path.of("docs", "factset.md"));
        var names = new ArrayList<String>();
        names.addAll(FactSetReader.TOP_LEVEL);
        names.addAll(FactSetReader.SITE_FIELDS);
        names.addAll(FactSetReader.EXPECT_FIELDS);
        names.addAll(FactSetReader.PROVENANCE_FIELDS);
        names.addAll(FactSetReader.LOG_SOURCES);
        names.addAll(FactSetReader.HTTP_PATHS);
        names.addAll(Tried.OUTCOMES);
        names.addAll(List.of("http", "log", "metric", "config", "event", "observation", "tried", "status", "url", "headers", "body",
                "path", "client", "latencyMs", "line", "count", "lastAt", "examples", "name", "value", "unit", "kind", "subject", "fix", "outcome", "at"));
        assertThat(names).allSatisfy(n -> assertThat(doc).as("docs/factset.md names `%s`", n).contains("`" + n + "`"));
    }

    @Test
    void nothingInTheRepositoryPointsAtTheTeamsSharedFolder() throws Exception {
        var offenders = new ArrayList<String>();
        for (Path root : List.of(Path.of("README.md"), Path.of("docs"), Path.of("rules"), Path.of("src"))) {
            try (var walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (!Files.isRegularFile(p) || p.toString().endsWith("FactSetFormatTest.java")) continue;
                    if (p.toString().contains("/target/")) continue; // build output: copies and binaries
                    // Bytes as Latin-1: any file reads (images too), and the ASCII words are found in UTF-8 text alike.
                    if (new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1).contains("shared/" + "spec")) offenders.add(p.toString());
                }
            }
        }
        assertThat(offenders).as("files that point at the team's shared folder instead of docs/").isEmpty();
    }

    @Test
    void everyLogSourceTheReaderAcceptsIsDocumented() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/factset.md"));
        for (String source : dev.gatewaydoctor.ingest.LogSources.ALL) {
            org.assertj.core.api.Assertions.assertThat(doc).as("log source %s in docs/factset.md", source).contains("`" + source + "`");
        }
    }
}
