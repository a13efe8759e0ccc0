package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.TestCli;
import dev.gatewaydoctor.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mistakes a domain expert makes in rules/, each as `rules check` tells it: where it is, what is
 * likely meant, and exit code 3; one mistake, one message.
 */
class RulesCheckMistakesTest {

    /**
     * A copy of rules/ with one file changed: the slim copy (TestRules.SLIM_CAUSES) when the file is in it, for speed,
     * else the whole catalog.
     */
    private static Path broken(Path dir, String file, UnaryOperator<String> change) throws Exception {
        Path rules = TestRules.slimCopyOfRules(dir.resolve("rules"));
        if (!Files.exists(rules.resolve(file))) rules = TestRules.copyOfRules(Files.createDirectories(dir.resolve("whole")).resolve("rules"));
        Path f = rules.resolve(file);
        String before = Files.readString(f);
        String after = change.apply(before);
        assertThat(after).as("the test's change applies to " + file).isNotEqualTo(before);
        Files.writeString(f, after);
        return rules;
    }

    private static TestCli.Run check(Path rules) {
        return TestCli.run("rules", "check", rules.toString());
    }

    private static String errors(TestCli.Run run) {
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.BAD_RULES);
        return run.out() + run.err();
    }

    @Test
    void aTextValueComparedWithANumberPointsToTheNumber(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes/disk-full.drl", t -> t.replaceFirst("when\n", "when\n    Observation(name == \"disk-free-mb\", value < 100)\n"));
        String original = java.nio.file.Files.readString(dev.gatewaydoctor.TestRules.RULES.resolve("causes/disk-full.drl"));
        int line = dev.gatewaydoctor.TestRules.lineOf(original, "when\n") + 1; // the line inserted after "when"
        assertThat(errors(check(rules))).contains("causes/disk-full.drl:" + line + ":").contains("Observation's value is text")
                .contains("compare the number: number < 100");
    }

    @Test
    void aCauseMarkedBothToNeedAChangeAndToStopByItselfIsRefused(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes.yaml", t -> t.replaceFirst("(  - id: outdated-or-incompatible-code\n(?:    .*\n)*?    needsAChange: true\n)",
                "$1    stopsByItself: true\n"));
        assertThat(errors(check(rules))).containsPattern("causes.yaml:\\d+:\\d+: error")
                .contains("cause \"outdated-or-incompatible-code\" cannot both need a change and stop by itself");
    }

    @Test
    void aSettingNoRuleReadsIsWarnedAndAnAliasRulesReadThemselvesIsRefused(@TempDir Path dir) throws Exception {
        Path unread = broken(dir.resolve("unread"), "settings.yaml", t -> t.replace("  - name: caddy.reverse_proxy\n", "  - name: caddy.reverse_proxi\n"));
        TestCli.Run warned = check(unread);
        assertThat(warned.code()).as("a setting no rule reads is a warning: its aliases weigh nothing").isZero();
        assertThat(warned.out() + warned.err()).contains("settings.yaml:").contains("no rule reads the setting \"caddy.reverse_proxi\", so its aliases weigh nothing")
                .contains("did you mean \"caddy.reverse_proxy\"");
        Path read = broken(dir.resolve("read"), "settings.yaml", t -> t.replace("aliases: [caddy.proxy]", "aliases: [caddy.proxy, nginx.proxy_pass]"));
        assertThat(errors(check(read))).contains("\"nginx.proxy_pass\" is a setting rules read itself, not another name of one");
    }

    @Test
    void aFixTriedInVainForACauseItDoesNotTreatIsRefused(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "fixes.yaml", t -> t.replace("    inVainFor: [php-fpm-down]\n", "    inVainFor: [disk-full]\n"));
        assertThat(errors(check(rules))).containsPattern("fixes.yaml:\\d+:\\d+: error")
                .contains("\"disk-full\" is no cause this fix treats; inVainFor names causes of its treats");
    }

    @Test
    void aMissingEndIsToldAtTheRuleThatLacksIt(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes/disk-full.drl", t -> t.replaceFirst("\nend\n", "\n"));
        String out = errors(check(rules));
        assertThat(out).contains("causes/disk-full.drl:").contains("has no end before the next rule: add a line with end after its then-part");
        assertThat(out).contains("1 error in");
    }

    @Test
    void aMissingSemicolonIsToldAtItsLine(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes/disk-full.drl", t -> t.replaceFirst("\\)\\);\n", "))\n"));
        String out = errors(check(rules));
        assertThat(out).containsPattern("causes/disk-full\\.drl:1\\d:\\d+: error: the statement ends without ;").contains("1 error in");
    }

    @Test
    void anUnclosedQuoteIsToldAtItsLine(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes/disk-full.drl", t -> t.replaceFirst("family == \"disk-full\", ", "family == \"disk-full, "));
        String out = errors(check(rules));
        assertThat(out).contains("a quote opened on this line is not closed on it").contains("1 error in");
    }

    @Test
    void aYamlIndentationSlipIsOneProblemWithTheParsersWordsAndAHint(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes.yaml", t -> t.replaceFirst("\n    title:", "\n   title:"));
        String out = errors(check(rules));
        assertThat(out).contains("causes.yaml:").contains("expected <block end>").contains("check the indentation here").contains("1 error in");
    }

    @Test
    void aDuplicateRuleNameNamesBothFiles(@TempDir Path dir) throws Exception {
        Path rules = TestRules.slimCopyOfRules(dir.resolve("rules"));
        String name = "PHP-FPM is not running";
        Path f = rules.resolve("causes/disk-full.drl");
        Files.writeString(f, Files.readString(f) + "\nrule \"" + name + "\"\nwhen\n    Observation(name == \"disk-full\", value == \"true\")\nthen\n"
                + "    insert(new Evidence(\"disk-full\", 1.0));\nend\n");
        String out = errors(check(rules));
        assertThat(out).contains("causes/php-fpm-down.drl:").contains("the rule name \"" + name + "\" is taken by causes/disk-full.drl:");
    }

    @Test
    void aDoubleQuoteInARuleNameIsToldAtTheRule(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes/disk-full.drl", t -> t + "\nrule \"The log says \\\"No space left\\\"\"\nwhen\n"
                + "    Observation(name == \"disk-full\", value == \"true\")\nthen\n    insert(new Evidence(\"disk-full\", 1.0));\nend\n");
        assertThat(errors(check(rules))).containsPattern("causes/disk-full.drl:\\d+:\\d+: error")
                .contains("a rule's name cannot hold a double quote").contains("single quotes");
    }

    @Test
    void anUnknownCauseGetsTheClosestId(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes/disk-full.drl", t -> t.replaceFirst("new Evidence\\(\"disk-full\"", "new Evidence(\"disk-ful\""));
        assertThat(errors(check(rules))).contains("evidence for \"disk-ful\", which is no cause in causes.yaml; did you mean \"disk-full\"");
    }

    @Test
    void aWeightComputedOutOfRangeNamesTheSampleThatMeetsIt(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes/disk-full.drl", t -> t.replaceFirst("new Evidence\\(\"disk-full\", (\\d\\.\\d)", "new Evidence(\"disk-full\", $1 * 3"));
        Path samples = Files.createDirectories(dir.resolve("samples"));
        try (var list = Files.list(Path.of("facts-samples"))) {
            for (Path p : list.filter(p -> p.getFileName().toString().startsWith("disk-full")).toList()) Files.copy(p, samples.resolve(p.getFileName()));
        }
        var run = TestCli.run("rules", "check", rules.toString(), "--samples", samples.toString());
        String out = errors(run);
        assertThat(out).contains("samples/disk-full").contains(".json: error: ").contains("outside -4..+4").contains("disk-full.drl");
    }

    @Test
    void withoutSamplesBesideTheRulesCoverageIsSaidToBeSkipped(@TempDir Path dir) throws Exception {
        Path rules = TestRules.slimCopyOfRules(dir.resolve("rules"));
        var run = check(rules);
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("coverage skipped: no facts-samples beside the rules");
    }

    @Test
    void aCauseFileNamedAfterNoCauseIsRefused(@TempDir Path dir) throws Exception {
        Path rules = TestRules.slimCopyOfRules(dir.resolve("rules"));
        Files.move(rules.resolve("causes/disk-full.drl"), rules.resolve("causes/disk-ful.drl"));
        assertThat(errors(check(rules))).contains("causes/disk-ful.drl").contains("named after no cause in causes.yaml: \"disk-ful\"");
    }

    @Test
    void anEventKindTheFormatDoesNotHaveIsWarnedWithTheClosest(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes/disk-full.drl", t -> t + "\nrule \"A plugin was updated, said in other words\"\nwhen\n"
                + "    Event(kind == \"plugin-update\")\nthen\n    insert(new Evidence(\"disk-full\", 0.5));\nend\n");
        var run = check(rules);
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("no event has the kind \"plugin-update\"").contains("did you mean \"plugin-updated\"");
    }

    @Test
    void aConfigNameNoSampleGivesIsWarnedWithTheClosestGiven(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes/disk-full.drl", t -> t + "\nrule \"A small proxy buffer, misspelt\"\nwhen\n"
                + "    ConfigValue(name == \"nginx.proxy_bufer_size\", bytes != null, bytes <= 8192)\nthen\n    insert(new Evidence(\"disk-full\", 0.1));\nend\n");
        Path samples = Files.createDirectories(dir.resolve("samples"));
        try (var list = Files.list(Path.of("facts-samples"))) {
            for (Path p : list.filter(p -> p.getFileName().toString().startsWith("upstream-header-too-big")).toList()) {
                Files.copy(p, samples.resolve(p.getFileName()));
            }
        }
        var run = TestCli.run("rules", "check", rules.toString(), "--samples", samples.toString());
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("the rules read the config \"nginx.proxy_bufer_size\", which no sample or incident")
                .contains("did you mean \"nginx.proxy_buffer_size\"");
    }

    @Test
    void aConfigPhraseForASettingNoRuleReadsIsWarned(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "phrases.yaml", t -> t.replace("  - name: nginx.fastcgi_pass\n", "  - name: nginx.fastcgi_pas\n"));
        var run = check(rules);
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("phrases.yaml:").contains("no rule reads the config value \"nginx.fastcgi_pas\"");
    }

    @Test
    void aPhraseThatNoLongerReadsItsExampleIsRefused(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "phrases.yaml", t -> t.replace("examples: [\"it loads fine in an incognito window\"]",
                "examples: [\"it loads fine in a private browser\"]"));
        assertThat(errors(check(rules))).contains("phrases.yaml:").contains("does not read its example \"it loads fine in a private browser\"");
    }

    @Test
    void aNameForTheOtherAnswerOfANumberCheckOrOneThatNamesAnotherObservationIsRefused(@TempDir Path dir) throws Exception {
        Path number = broken(dir.resolve("number"), "checks.yaml", t -> t.replaceFirst("(  - observation: incidents-last-30-days\n)",
                "$1    opposites: [no-incidents-last-30-days]\n"));
        assertThat(errors(check(number))).contains("checks.yaml:").contains("only a yes-no check has an other answer");
        Path twice = broken(dir.resolve("twice"), "checks.yaml", t -> t.replace("opposites: [cli-succeeds, cli-works]",
                "opposites: [cli-succeeds, cli-works, retry-fails]"));
        assertThat(errors(check(twice))).contains("checks.yaml:").contains("\"retry-fails\" already names \"retry-succeeds\"");
    }

    @Test
    void aStatusPhraseWithoutItsStatusOrThatReadsAnotherNumberIsRefused(@TempDir Path dir) throws Exception {
        Path unnamed = broken(dir.resolve("unnamed"), "phrases.yaml", t -> t.replace("'\\berror(?: code)?:? ?#?(?<value>52[0-7]|50[234])\\b'",
                "'\\berror(?: code)?:? ?#?(52[0-7]|50[234])\\b'"));
        assertThat(errors(check(unnamed))).contains("phrases.yaml:").contains("a status phrase reads the status: a (?<value>...) group");
        Path other = broken(dir.resolve("other"), "phrases.yaml", t -> t.replace("'\\berror(?: code)?:? ?#?(?<value>52[0-7]|50[234])\\b'",
                "'\\berror(?: code)?:? ?#?(?<value>\\d{3})\\b'").replace("examples: [\"Error 522\",", "examples: [\"Error 404\", \"Error 522\","));
        assertThat(errors(check(other))).contains("phrases.yaml:").contains("reads \"404\" as the status of its example \"Error 404\"");
    }

    @Test
    void anExistsOverAFactARecordHoldsAFewOfIsWarned(@TempDir Path dir) throws Exception {
        Path rules = broken(dir, "causes/backend-web-server-down.drl", t -> t.replace("    HttpResponse(body != null, body contains \"Backend fetch failed\")",
                "    exists HttpResponse(body != null, body contains \"Backend fetch failed\")"));
        var run = check(rules);
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("backend-web-server-down.drl:").contains("\"exists HttpResponse(...)\" matches what \"HttpResponse(...)\" matches");
    }
}
