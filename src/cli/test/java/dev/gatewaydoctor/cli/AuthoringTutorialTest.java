package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.knowledge.CausesDocument;
import dev.gatewaydoctor.knowledge.KnowledgeLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Follows docs/authoring-rules.md to the letter on a copy of rules/, facts-samples/ and docs/: creates
 * the files it says to create, appends what it says to append, runs its gatewaydoctor commands in
 * order and checks each exit code it states. If the tutorial drifts from the product, this fails.
 */
class AuthoringTutorialTest {

    private static final Pattern BLOCK = Pattern.compile("(?s)```(\\w+)([^\\n]*)\\n(.*?)```");
    private static final String CLI = "target/gatewaydoctor/bin/gatewaydoctor ";

    @Test
    void theTutorialWorksFollowedToTheLetter(@TempDir Path tmp) throws Exception {
        TestRules.copyOfRules(tmp.resolve("rules"));
        // The shipped samples, not the real corpus below them: the tutorial's commands check exit codes, and
        // replaying 210 incidents for coverage at each `rules check` would only make it slow.
        copyTree(Path.of("facts-samples"), tmp.resolve("facts-samples"), p -> !p.toString().contains("/real"));
        Files.createDirectories(tmp.resolve("docs"));
        Files.copy(Path.of("docs/causes.md"), tmp.resolve("docs/causes.md"));

        String doc = Files.readString(Path.of("docs/authoring-rules.md"));
        undoTutorial(tmp, doc);
        Matcher m = BLOCK.matcher(doc);
        int commands = 0;
        int files = 0;
        while (m.find()) {
            String lang = m.group(1);
            String info = m.group(2).strip();
            String body = m.group(3);
            if (info.startsWith("file=")) {
                Path target = tmp.resolve(info.substring(5));
                assertThat(target.getParent()).as("the tutorial writes into an existing directory: %s", info).isDirectory();
                Files.writeString(target, body);
                files++;
            } else if (info.startsWith("append=")) {
                Path target = tmp.resolve(info.substring(7));
                assertThat(target).as("the tutorial appends to an existing file").exists();
                Files.writeString(target, body, StandardOpenOption.APPEND);
                files++;
            } else if (lang.equals("sh")) {
                int expected = info.startsWith("exit=") ? Integer.parseInt(info.substring(5)) : 0;
                for (String line : body.strip().split("\n")) {
                    if (line.startsWith("mvn ")) continue; // the build this test runs in
                    assertThat(line).as("a tutorial command").startsWith(CLI);
                    run(tmp, line.substring(CLI.length()), expected);
                    commands++;
                }
            }
        }
        assertThat(files).as("files the tutorial creates or extends").isEqualTo(8);
        assertThat(commands).as("commands the tutorial runs").isGreaterThanOrEqualTo(8);

        // Its end state: a knowledge with the new cause and fix, and docs/causes.md in step with it.
        var k = KnowledgeLoader.fromDirectory(tmp.resolve("rules"));
        assertThat(k.cause("object-cache-down")).isNotNull();
        assertThat(k.fix("restart-object-cache")).isNotNull();
        assertThat(k.check("object-cache-reachable")).isNotNull();
        assertThat(k.recognizer().families()).anyMatch(f -> f.id().equals("object-cache-unreachable"));
        assertThat(k.warnings()).noneSatisfy(w -> assertThat(w.message()).contains("object-cache-reachable"));
        assertThat(Files.readString(tmp.resolve("docs/causes.md"))).isEqualTo(CausesDocument.render(k).replace(tmp.resolve("rules").toString(), "rules"));
    }

    /** A clone where someone followed the tutorial already has its files: take them out of the copy, so that it starts afresh. */
    private static void undoTutorial(Path dir, String doc) throws Exception {
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            String info = m.group(2).strip();
            if (info.startsWith("file=")) {
                Files.deleteIfExists(dir.resolve(info.substring(5)));
            } else if (info.startsWith("append=")) {
                Path target = dir.resolve(info.substring(7));
                // A file the tutorial itself creates is gone already.
                if (Files.exists(target)) Files.writeString(target, Files.readString(target).replace(m.group(3), ""));
            }
        }
    }

    private static void run(Path dir, String commandLine, int expectedExit) throws Exception {
        List<String> args = new ArrayList<>();
        Path redirect = null;
        String[] words = commandLine.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals(">")) {
                redirect = dir.resolve(words[++i]);
            } else {
                // The first word names the command; later words that name a path of the clone are taken in the copy.
                args.add(i > 0 && !words[i].startsWith("-") && Files.exists(dir.resolve(words[i])) ? dir.resolve(words[i]).toString() : words[i]);
            }
        }
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("exit code of `%s`%nstdout:%n%s%nstderr:%n%s", commandLine, out, err).isEqualTo(expectedExit);
        if (redirect != null) Files.writeString(redirect, out.toString());
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> keep) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!keep.test(p)) continue;
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
