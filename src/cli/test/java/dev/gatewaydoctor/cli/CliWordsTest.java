package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.TestCli;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.FactSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The library advises in the API's words; the CLI says the same with its options. */
class CliWordsTest {

    private static final String ZONELESS = "2024/03/01 12:04:17 [error] 1187#1187: *1 connect() to unix:/run/php/php8.2-fpm.sock failed "
            + "(11: Resource temporarily unavailable) while connecting to upstream";

    @Test
    void aWarningNamesTheApiCallForALibraryAndTheOptionAtTheCommandLine(@TempDir Path tmp) throws Exception {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().log("nginx-error", ZONELESS).build());
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains("IncidentBuilder.timezone").doesNotContain("--timezone"));

        Path facts = tmp.resolve("f.json");
        Files.writeString(facts, "{\"factset\": 1, \"facts\": [{\"type\": \"log\", \"source\": \"nginx-error\", \"line\": \"" + ZONELESS + "\"}]}");
        var run = TestCli.run("diagnose", "--rules", "rules", "--json", facts.toString());
        assertThat(run.out()).contains("give site.timezone (e.g. Europe/Berlin) or --timezone,").doesNotContain("IncidentBuilder");
    }

    @Test
    void noCommandLineOptionIsNamedOutsideTheCli() throws Exception {
        var offenders = new ArrayList<String>();
        Pattern option = Pattern.compile("\"[^\"\\n]*(?<![\\w-])--[a-z][a-z-]+");
        try (Stream<Path> walk = Files.walk(Path.of("src/core/main/java/dev/gatewaydoctor"))) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!p.toString().endsWith(".java")) continue;
                var m = option.matcher(Files.readString(p));
                while (m.find()) offenders.add(p + ": " + m.group());
            }
        }
        assertThat(offenders).as("strings outside the CLI that name a command-line option").isEmpty();
    }
}
