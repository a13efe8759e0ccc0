package dev.gatewaydoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.TestCli;
import dev.gatewaydoctor.TestCli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    private static Run run(String... args) {
        return TestCli.run(args);
    }

    @Test
    void jsonLinesOnePerFileWithCausesAndFixes() throws Exception {
        Run r = run("diagnose", "--json", "--rules", "rules", "facts-samples/php-fpm-pool-exhausted.json", "facts-samples/transient-upstream-glitch.json");
        assertThat(r.code()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.get("file").asText()).isEqualTo("facts-samples/php-fpm-pool-exhausted.json");
        assertThat(first.at("/rules/source").asText()).isEqualTo("rules");
        assertThat(first.at("/rules/version").asText()).hasSize(12);
        assertThat(first.at("/causes/0/id").asText()).isEqualTo("php-fpm-pool-exhausted");
        assertThat(first.at("/causes/0/confidence").asDouble()).isGreaterThan(0.8);
        assertThat(first.at("/causes/0/evidence/0/rule").asText()).isNotBlank();
        assertThat(first.at("/causes/0/evidence/0/weight").isNumber()).isTrue();
        assertThat(first.at("/fixes/0/id").asText()).isEqualTo("tune-php-fpm-pool");
        assertThat(first.at("/fixes/0/score").isNumber()).isTrue();
        assertThat(first.at("/fixes/0/causes/0").asText()).isEqualTo("php-fpm-pool-exhausted");
        assertThat(new ObjectMapper().readTree(lines[1]).at("/causes/0/id").asText()).isEqualTo("transient-upstream-glitch");
        assertThat(r.err()).contains("rules: rules (version ");
    }

    @Test
    void textReportShowsCausesEvidenceAndFixSteps() {
        Run r = run("diagnose", "--rules", "rules", "facts-samples/plugin-or-theme-fatal-error.json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Probable causes", "A plugin or theme crashes PHP [plugin-or-theme-fatal-error]",
                "culprit: wc-gateway-swiftpay", "+2.0  A PHP fatal error in a plugin's or theme's code",
                "What to do first", "wp plugin deactivate wc-gateway-swiftpay");
    }

    @Test
    void theIncidentsTimelineIsShownInTextAndJson() throws Exception {
        Run text = run("diagnose", "--rules", "rules", "facts-samples/faulty-recent-change-nearest-of-three.json");
        assertThat(text.out()).contains("First error 2024-06-12T12:20:07Z (http 502); 5 failures over 54 min, intermittent;"
                + " last change before it: plugin-updated woocommerce-payments, 15 min before");
        Run json = run("diagnose", "--json", "--rules", "rules", "facts-samples/faulty-recent-change-nearest-of-three.json",
                "facts-samples/no-evidence-seed-checklist.json");
        String[] lines = json.out().strip().split("\n");
        JsonNode timed = new ObjectMapper().readTree(lines[0]);
        assertThat(timed.at("/incident/onset").asText()).isEqualTo("2024-06-12T12:20:07Z");
        assertThat(timed.at("/incident/pattern").asText()).isEqualTo("intermittent");
        assertThat(timed.at("/incident/lastChange").asText()).isEqualTo("plugin-updated woocommerce-payments, 15 min before");
        assertThat(timed.at("/incident/durationMinutes").asLong()).isEqualTo(54);
        assertThat(new ObjectMapper().readTree(lines[1]).has("incident")).as("no failure with a time, no timeline").isFalse();
    }

    @Test
    void seedChecklistIsMarkedAsSuch() {
        Run r = run("diagnose", "--rules", "rules", "facts-samples/no-evidence-seed-checklist.json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("No usable evidence", "seed method 1", "seed method 10");
    }

    @Test
    void malformedJsonExitsTwoNamingFileLineAndColumnAndOthersAreStillDiagnosed(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"factset\": 1,\n \"facts\": [,]}");
        Run r = run("diagnose", "--json", "--rules", "rules", bad.toString(), "facts-samples/upstream-header-too-big.json");
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("gatewaydoctor: " + bad + ":2:12: not valid JSON");
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode error = new ObjectMapper().readTree(lines[0]);
        assertThat(error.get("file").asText()).isEqualTo(bad.toString());
        assertThat(error.get("error").asText()).startsWith(bad + ":2:12:");
        assertThat(new ObjectMapper().readTree(lines[1]).at("/causes/0/id").asText()).isEqualTo("upstream-header-too-big");
    }

    @Test
    void brokenRulesExitThreeWithFileAndLine(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Files.writeString(rules.resolve("causes/disk-full.drl"), "package gatewaydoctor.causes;\nrule \"x\" when\n  Foo(\nthen end\n");
        Run r = run("diagnose", "--rules", rules.toString(), "facts-samples/transient-upstream-glitch.json");
        assertThat(r.code()).isEqualTo(ExitCode.BAD_RULES);
        assertThat(r.err()).contains("cannot be used:", "causes/disk-full.drl:");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void helpVersionAndUsageErrors() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("diagnose", "replay", "rules", "serve", "cases",
                "Exit codes: 0 done, 1 replay: a sample failed, 2 bad input, 3 bad rules.");
        Run mistyped = run("diagnos", "x.json");
        assertThat(mistyped.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(mistyped.err()).contains("diagnose"); // the suggestion needs every command, though only a named one is built
        Run version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("gatewaydoctor ");
        Run usage = run("diagnose");
        assertThat(usage.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(usage.err()).contains("nothing to diagnose: give fact-set files, or --log, --headers, --har");
        assertThat(run("diagnose", "--help").out()).contains("--json", "--rules");
    }

    @Test
    void rulesDocPrintsTheCausesDocument() {
        Run r = run("rules", "doc", "rules");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("# Causes and fixes").contains("### php-fpm-down").contains("### restart-php-fpm");
    }

    @Test
    void rulesDocOnBrokenRulesExitsThree(@TempDir Path tmp) throws Exception {
        Run r = run("rules", "doc", tmp.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("cannot be used");
    }

    @Test
    void rulesCheckOnSoundRulesExitsZeroWithWarningsThatPointAtRules() {
        Run r = run("rules", "check", "rules");
        assertThat(r.code()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines[lines.length - 1]).matches("rules in rules are sound: \\d+ causes, \\d+ fixes, \\d+ rules, version \\w{12}; \\d+ samples replayed for coverage; \\d+ warnings?");
        for (int i = 0; i < lines.length - 1; i++) assertThat(lines[i]).matches("rules/causes/[a-z-]+\\.drl:\\d+:1: warning: no sample .*");
    }

    @Test
    void rulesCheckReportsEachProblemWithFileLineAndColumn(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Path disk = rules.resolve("causes/disk-full.drl");
        String text = Files.readString(disk);
        int firstLine = (int) text.lines().count() + 2;
        Files.writeString(disk, text + """

                rule "Misspelt field"
                when
                    LogSignal(famly == "disk-full")
                then
                    insert(new Evidence("disk-full", 1.0));
                end

                rule "Too heavy, and for a cause that does not exist"
                when
                    Metric(name == "disk.utilization")
                then
                    insert(new Evidence("disk-fulll", 4.5));
                end

                rule "The disk has room (under 85%)"
                when
                    DiskUsage(percent < 85)
                then
                    insert(new Evidence("disk-full", -1.0));
                end
                """);
        Path fixes = rules.resolve("fixes.yaml");
        Files.writeString(fixes, Files.readString(fixes).replace("      disk-full: 1.0\n", "      disk-ful: 1.0\n").replace("      disk-full: 0.4\n", "").replace("      disk-full: 0.5\n", ""));
        Run r = run("rules", "check", rules.toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_RULES);
        String f = rules.resolve("causes/disk-full.drl").toString();
        assertThat(r.out()).contains(
                f + ":" + (firstLine + 2) + ":15: error: LogSignal has no field \"famly\" (did you mean family?)",
                f + ":" + (firstLine + 11) + ":26: error: evidence for \"disk-fulll\", which is no cause in causes.yaml",
                f + ":" + (firstLine + 11) + ":39: error: weight 4.5 is outside -4..+4",
                f + ":" + (firstLine + 14) + ":7: error: the rule name \"The disk has room (under 85%)\" is taken by causes/disk-full.drl:",
                f + ":" + (firstLine + 16) + ":5: error: unknown fact type DiskUsage; rules match HttpResponse, LogLine, LogSignal",
                rules.resolve("fixes.yaml") + ":",
                "unknown cause \"disk-ful\" (not in causes.yaml)",
                "no fix treats the cause \"disk-full\"");
        assertThat(r.out().strip()).endsWith("the rules cannot be used until they are fixed");
    }

    @Test
    void replayPrintsATableAndTheCountAndExitsZeroWhenAllPass() {
        Run r = run("replay", "--rules", "rules", "facts-samples");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("SAMPLE").contains("php-fpm-pool-exhausted  ").doesNotContain("FAIL");
        assertThat(r.out().strip()).matches("(?s).*\\n\\d+ passed, 0 failed$");
    }

    @Test
    void aFailingSampleShowsWhatMovedAndWhyAndExitsOne(@TempDir Path tmp) throws Exception {
        String pool = Files.readString(Path.of("facts-samples/php-fpm-pool-exhausted.json"));
        Files.writeString(tmp.resolve("wrong.json"), pool.replace("\"causes\": [\"php-fpm-pool-exhausted\"]", "\"causes\": [\"traffic-overload\"]"));
        Files.writeString(tmp.resolve("broken.json"), "{\"factset\": 1,");
        Run r = run("replay", "--rules", "rules", tmp.toString());
        assertThat(r.code()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("wrong ", "FAIL", "FAILED " + tmp.resolve("wrong.json"),
                "expected traffic-overload first, but php-fpm-pool-exhausted", "beat it",
                "behind traffic-overload:", "Requests run near their baseline",
                "behind php-fpm-pool-exhausted:", "PHP-FPM says its pool reached pm.max_children",
                "FAILED " + tmp.resolve("broken.json"));
        assertThat(r.out().strip()).endsWith("0 passed, 2 failed");
    }

    @Test
    void replayJsonAndCoverage(@TempDir Path tmp) throws Exception {
        Files.copy(Path.of("facts-samples/disk-full-no-space.json"), tmp.resolve("disk.json"));
        Run r = run("replay", "--rules", "rules", "--json", "--coverage", tmp.toString());
        assertThat(r.code()).isZero();
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(root.get("passed").asInt()).isEqualTo(1);
        assertThat(root.get("samples").get(0).get("got").get("cause").asText()).isEqualTo("disk-full");
        assertThat(root.get("samples").get(0).get("causeRank").asInt()).isEqualTo(1);
        assertThat(root.get("coverage").get("A program cannot write: No space left on device (errno 28)").asInt()).isEqualTo(1);
        assertThat(root.get("coverage").get("PHP-FPM is not running").asInt()).isZero();

        Run text = run("replay", "--rules", "rules", "--coverage", tmp.toString());
        assertThat(text.out()).contains("Coverage: how many samples fire each rule", "causes/disk-full.drl",
                "   1  A program cannot write: No space left on device (errno 28)", "   0  PHP-FPM is not running   <- no sample fires it");
        assertThat(text.out().strip()).endsWith("1 passed, 0 failed");
    }

    @Test
    void aPastedTicketIsReadAndEveryLineSaysWhatItBecame() {
        Run r = run("diagnose", "--rules", "rules", "--explain-input", "--text", "src/core/test/resources/tickets/01-two-factor-login-502.txt");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Read from src/core/test/resources/tickets/01-two-factor-login-502.txt:")
                .contains("-> ignored").contains("log nginx-error: upstream-header-too-big").contains("event core-updated")
                .contains("1. Upstream response headers too big");
    }
}
