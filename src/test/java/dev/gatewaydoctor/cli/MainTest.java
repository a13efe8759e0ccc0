package dev.gatewaydoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
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
        assertThat(first.at("/causes/0/confidence").asDouble()).isGreaterThan(0.9);
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
        Path rules = TestRules.copyOfRules(tmp.resolve("rules"));
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
        assertThat(help.out()).contains("diagnose", "Exit codes: 0 all diagnosed, 2 bad input, 3 bad rules.");
        Run version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("gatewaydoctor ");
        Run usage = run("diagnose");
        assertThat(usage.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(usage.err()).contains("Missing required parameter");
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
}
