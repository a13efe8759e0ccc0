package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RulesException;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.ingest.LogIngest;
import dev.gatewaydoctor.recognition.Family;
import dev.gatewaydoctor.recognition.LogRecognizer;
import dev.gatewaydoctor.recognition.LogSignal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The message families of rules/families: their fixtures pass when the rules load (a failing one
 * refuses the rules), they hold real pasted lines, and the mistakes an expert makes in a family file are
 * told where they are.
 */
class FamiliesTest {

    private final LogRecognizer recognizer = TestRules.recognizer();

    @Test
    void everyFamilyHoldsRealPastedLinesWithTheirThreads() {
        List<Family> families = recognizer.families();
        assertThat(families).hasSizeGreaterThanOrEqualTo(27);
        int lines = families.stream().mapToInt(f -> f.fixtures().size()).sum();
        assertThat(lines).as("fixture lines in all").isGreaterThanOrEqualTo(150);
        for (Family f : families) {
            long pasted = f.fixtures().stream().filter(Family.Fixture::pasted).count();
            assertThat(pasted).as(f.id() + ": pasted lines").isGreaterThanOrEqualTo(3);
            assertThat(f.fixtures()).as(f.id() + ": a near miss it must not read").anyMatch(x -> x.expect() == null);
        }
    }

    private LogSignal only(String line, String family) {
        List<LogSignal> s = recognizer.recognize(new LogLine("other", line, null));
        assertThat(s).as(line).extracting(LogSignal::family).containsExactly(family);
        return s.get(0);
    }

    @Test
    void theLinesExpertsCouldNotTeachWithoutJavaAreRead() {
        assertThat(only("child xxxx exited on signal 11", "fpm-child-killed-by-signal").signalName()).isEqualTo("SIGSEGV");
        LogSignal apache = only("child pid 2840 exit signal Segmentation fault (11)", "apache-child-crashed");
        assertThat(apache.signal()).isEqualTo(11);
        LogSignal mariadb = only("db_1 | 150305 23:19:49 [ERROR] Plugin 'InnoDB' registration as a STORAGE ENGINE failed.", "database-failed-to-start");
        assertThat(mariadb.detail()).isEqualTo("storage-engine-failed");
        LogSignal ban = only("> 2016-11-20 15:10:50,077 fail2ban.actions        [2435]: NOTICE  [wordpress-login] Ban 162.13.178.32", "firewall-ban");
        assertThat(ban.host()).isEqualTo("162.13.178.32");
        assertThat(ban.detail()).isEqualTo("wordpress-login");
    }

    @Test
    void aFamilyAddedAsDataIsReadByTheEngineAndByWholeLogReading(@TempDir Path dir) throws Exception {
        Path rules = TestRules.slimCopyOfRules(dir.resolve("rules"));
        Files.writeString(rules.resolve("families/redis-unreachable.yaml"), """
                family: redis-unreachable
                program: php
                words: ["Connection refused [tcp://"]
                patterns:
                  - match: 'Connection refused \\[tcp://(?<upstream>[^\\]]{1,255})\\]'
                fixtures:
                  - line: 'PHP Fatal error:  Uncaught RedisException: Connection refused [tcp://127.0.0.1:6379] in /var/www/x.php:3'
                    expect: {host: '127.0.0.1:6379'}
                  - line: 'Connection refused'
                    expect: none
                """);
        LogRecognizer withNew = KnowledgeLoader.recognizer(rules);
        assertThat(withNew.words()).contains("Connection refused [tcp://");
        // The prefilter is built from the families' words: the new family's lines reach it.
        var log = "noise\nPHP Fatal error:  Uncaught RedisException: Connection refused [tcp://10.0.0.5:6379] in /var/www/x.php:3\nnoise\n";
        LogIngest.Result r = new LogIngest(withNew).read("php.log", new StringReader(log), LogIngest.Options.AUTO);
        assertThat(r.lines()).hasSize(1);
        assertThat(withNew.recognize(r.lines().get(0))).extracting(LogSignal::family).contains("redis-unreachable");
    }

    private String problems(Path dir, String file, String text) throws Exception {
        Path rules = TestRules.slimCopyOfRules(dir.resolve("rules"));
        Files.writeString(rules.resolve("families/" + file), text);
        try {
            KnowledgeLoader.recognizer(rules);
        } catch (RulesException e) {
            return e.getMessage();
        }
        throw new AssertionError("rules loaded despite the mistake in " + file);
    }

    @Test
    void aGroupNamedForNoFieldIsRefusedWithTheClosestField(@TempDir Path dir) throws Exception {
        String msg = problems(dir, "x.yaml", """
                family: x
                program: nginx
                words: ["boom"]
                patterns:
                  - match: 'boom (?<sokcetPath>\\S+)'
                fixtures:
                  - line: 'boom /a'
                    expect: {family: x}
                  - line: 'bam'
                    expect: none
                """);
        assertThat(msg).contains("families/x.yaml:5:").contains("(?<sokcetPath>...) is no signal field").contains("did you mean \"socketPath\"");
    }

    @Test
    void aPatternRe2CannotRunIsRefusedWithWhy(@TempDir Path dir) throws Exception {
        String msg = problems(dir, "x.yaml", """
                family: x
                program: nginx
                words: ["boom"]
                patterns:
                  - match: 'boom(?!ed)'
                fixtures:
                  - line: 'boom'
                    expect: {family: x}
                  - line: 'bam'
                    expect: none
                """);
        assertThat(msg).contains("families/x.yaml:5:").contains("does not compile").contains("no lookahead");
    }

    @Test
    void aFixtureThatFailsIsRefusedWhereItIsWritten(@TempDir Path dir) throws Exception {
        String msg = problems(dir, "x.yaml", """
                family: x
                program: nginx
                words: ["boom"]
                patterns:
                  - match: 'boom (?<errno>\\d+)'
                fixtures:
                  - line: 'boom 111'
                    expect: {errno: 110}
                  - line: 'boom 1'
                    expect: none
                """);
        assertThat(msg).contains("families/x.yaml:8:").contains("errno: expected \"110\", the line gives \"111\"")
                .contains("families/x.yaml:9:").contains("must not be read as x");
    }

    @Test
    void textSetOnANumberAndAnUnknownFamilyToYieldToAreRefused(@TempDir Path dir) throws Exception {
        String msg = problems(dir, "x.yaml", """
                family: x
                program: nginx
                words: ["boom"]
                yieldsTo: [upstream-timed-uot]
                patterns:
                  - match: 'boom'
                    set: {errno: refused}
                fixtures:
                  - line: 'boom'
                    expect: {family: x}
                  - line: 'bam'
                    expect: none
                """);
        assertThat(msg).contains("errno: \"refused\" is not a whole number").contains("no family \"upstream-timed-uot\"; did you mean \"upstream-timed-out\"");
    }

    @Test
    void anIndentationSlipIsOneProblemAtItsLine(@TempDir Path dir) throws Exception {
        String msg = problems(dir, "x.yaml", """
                family: x
                program: nginx
                words: ["boom"]
                patterns:
                  - match: 'boom'
                   set: {detail: a}
                fixtures:
                  - line: 'boom'
                    expect: {family: x}
                """);
        assertThat(msg).contains("families/x.yaml:6:").contains("not valid YAML");
        assertThat(msg.lines().filter(l -> l.contains("families/")).count()).isEqualTo(1);
    }

    @Test
    void aRuleMatchingAMisspeltFamilyIsRefusedByRulesCheckWithTheClosestFamily(@TempDir Path dir) throws Exception {
        Path rules = TestRules.slimCopyOfRules(dir.resolve("rules"));
        Path drl = rules.resolve("causes/php-fpm-down.drl");
        Files.writeString(drl, Files.readString(drl).replace("family == \"php-fpm-stopped\"", "family == \"php-fpm-stoped\""));
        var run = dev.gatewaydoctor.TestCli.run("rules", "check", rules.toString());
        assertThat(run.code()).isEqualTo(dev.gatewaydoctor.cli.ExitCode.BAD_RULES);
        assertThat(run.err() + run.out()).contains("causes/php-fpm-down.drl:").contains("no message family \"php-fpm-stoped\"")
                .contains("did you mean \"php-fpm-stopped\"");
    }

    @Test
    void everyFamilyIsListedInTheReferenceAndNoOther() throws Exception {
        String doc = Files.readString(Path.of("docs/log-families.md"));
        var listed = new java.util.TreeSet<String>();
        var m = java.util.regex.Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| ").matcher(doc.substring(doc.indexOf("## The families"), doc.indexOf("## Derived fields")));
        while (m.find()) listed.add(m.group(1));
        var families = new java.util.TreeSet<String>();
        recognizer.families().forEach(f -> families.add(f.id()));
        assertThat(listed).as("families in docs/log-families.md").isEqualTo(families);
    }

    @Test
    void aFamilyMayCaptureTheTimeItsMessageHappenedAt(@TempDir Path dir) throws Exception {
        Path rules = TestRules.slimCopyOfRules(dir.resolve("rules"));
        Files.writeString(rules.resolve("families/job-failed.yaml"), """
                family: job-failed
                program: php
                words: ["job failed"]
                patterns:
                  - match: 'job failed \\(started (?<time>[0-9/]{10} [0-9:]{8})\\)'
                fixtures:
                  - line: '2024/03/05 09:00:00 cron: job failed (started 2024/03/01 12:04:17)'
                    expect: {time: '2024-03-01T12:04:17Z'}
                  - line: 'job done'
                    expect: none
                """);
        LogRecognizer withNew = KnowledgeLoader.recognizer(rules);
        var s = withNew.recognize(new LogLine("other", "2024/03/05 09:00:00 cron: job failed (started 2024/03/01 12:04:17)", null));
        assertThat(s).singleElement().satisfies(x -> assertThat(x.time()).hasToString("2024-03-01T12:04:17Z"));
    }
}
