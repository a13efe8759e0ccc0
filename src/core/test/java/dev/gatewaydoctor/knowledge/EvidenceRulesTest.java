package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.TestRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** rules check on how evidence is combined: absences need a guard, groups are read from the rules. */
class EvidenceRulesTest {

    /** The slim copy of the rules (TestRules.SLIM_CAUSES) with drl appended to file: the checks, not the catalog, are under test. */
    private static Map<String, String> rulesWith(String file, String drl) throws Exception {
        var files = new TreeMap<String, String>();
        Path slim = TestRules.slimCopyOfRules(Files.createTempDirectory("slim-rules"));
        try (Stream<Path> walk = Files.walk(slim)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) files.put(slim.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        files.merge(file, drl, (a, b) -> a + "\n" + b);
        return files;
    }

    /** The shipped rules' warnings, from the compile the test JVM already holds. */
    private static java.util.List<dev.gatewaydoctor.RuleProblem> shippedWarnings() {
        return TestRules.knowledge().warnings();
    }

    @Test
    void aBareTableLeftInBaseRatesIsWarnedAboutAsNoLongerRead() throws Exception {
        Knowledge k = KnowledgeLoader.compile("test", rulesWith("base-rates.yaml", """
                bare:
                  "502": {disk-full: 7}
                """));
        assertThat(k.warnings()).anySatisfy(w -> {
            assertThat(w.file()).isEqualTo("base-rates.yaml");
            assertThat(w.message()).contains("bare: table is no longer read");
        });
        assertThat(TestRules.knowledge().warnings()).noneSatisfy(w -> assertThat(w.message()).contains("bare:"));
    }

    @Test
    void aRuleThatSpeaksForACauseFromAnAbsenceWithoutAGuardIsFlagged() throws Exception {
        Knowledge k = KnowledgeLoader.compile("test", rulesWith("causes/disk-full.drl", """
                rule "No disk error was logged, so the disk must be full"
                when
                    HttpResponse(gatewayError == true)
                    not LogSignal(family == "disk-full")
                then
                    insert(new Evidence("disk-full", 1.0));
                end
                """));
        assertThat(k.warnings()).anySatisfy(w -> assertThat(w.message())
                .contains("\"No disk error was logged, so the disk must be full\" speaks for its cause from the absence of a LogSignal")
                .contains("exists LogLine()"));
    }

    @Test
    void aGuardOrADeclaredLookSilencesIt() throws Exception {
        Knowledge k = KnowledgeLoader.compile("test", rulesWith("causes/disk-full.drl", """
                rule "A log was given and shows no disk error, yet the disk is nearly full"
                when
                    exists LogLine()
                    Metric(name == "disk.utilization", value >= 0.9)
                    not LogSignal(family == "disk-full")
                then
                    insert(new Evidence("disk-full", 0.5));
                end

                rule "No space error in the df output the customer read out" @lookedAt("the customer's df -h")
                when
                    Observation(name == "df-shows-full", value == "true")
                    not LogSignal(family == "disk-full")
                then
                    insert(new Evidence("disk-full", 0.5));
                end
                """));
        assertThat(k.warnings()).noneSatisfy(w -> assertThat(w.message()).contains("without showing that anyone looked"));
    }

    @Test
    void theShippedRulesHaveNoUnguardedAbsence() throws Exception {
        assertThat(shippedWarnings()).noneSatisfy(w -> assertThat(w.message()).contains("without showing that anyone looked"));
    }

    @Test
    void groupsAreReadFromTheRulesEvenAfterOtherAnnotations() {
        assertThat(RuleTextChecks.groups(Map.of("causes/x.drl", """
                rule "One view" @group("full-pool")
                when then end
                rule "Another view" @lookedAt("the pool's status page") @group("full-pool")
                when then end
                rule "Alone"
                when then end
                """))).containsOnly(Map.entry("One view", "full-pool"), Map.entry("Another view", "full-pool"));
    }

    @Test
    void oneFactWeighedForOneCauseFromTwoFilesIsFlaggedUnlessGrouped() throws Exception {
        String rule = """
                rule "Nothing listens at the socket, seen again"%s
                when
                    Observation(name == "upstream-port-listening", value == "false")
                then
                    insert(new Evidence("php-fpm-down", 1.0));
                end
                """;
        Knowledge twice = KnowledgeLoader.compile("test", rulesWith("fixes.drl", rule.formatted("")));
        assertThat(twice.warnings()).anySatisfy(w -> assertThat(w.message())
                .contains("both weigh \"php-fpm-down\" from Observation(name == \"upstream-port-listening\", value == \"false\")")
                .contains("causes/php-fpm-down.drl"));
        Knowledge grouped = KnowledgeLoader.compile("test", rulesWith("fixes.drl", rule.formatted(" @group(\"nothing-listens\")")));
        assertThat(grouped.warnings()).noneSatisfy(w -> assertThat(w.message()).contains("one fact would count twice"));
    }

    @Test
    void aMessageFamilyNoRuleReadsIsFlaggedForItsLinesWouldWeighNothing() {
        var warnings = new java.util.ArrayList<dev.gatewaydoctor.RuleProblem>();
        RuleTextChecks.familiesRead(Map.of("causes/x.drl", """
                rule "Read alone"
                when LogSignal(family == "disk-full") then end
                rule "Read in a list"
                when LogSignal(family in ("oom-killed",
                                          "process-segfault")) then end
                """), java.util.Set.of("disk-full", "oom-killed", "process-segfault", "fpm-child-exited-with-code"), warnings);
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo("families/fpm-child-exited-with-code.yaml");
            assertThat(w.message()).contains("no rule reads the message family \"fpm-child-exited-with-code\"");
        });
        assertThat(shippedWarnings()).noneSatisfy(w -> assertThat(w.message()).contains("no rule reads the message family"));
        var problems = new java.util.ArrayList<dev.gatewaydoctor.RuleProblem>();
        RuleTextChecks.familiesExist(Map.of("causes/x.drl", """
                rule "A misspelt family on the second line of a list"
                when LogSignal(family in ("oom-killed",
                                          "proces-segfault")) then end
                """), java.util.Set.of("oom-killed", "process-segfault"), problems);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("no message family \"proces-segfault\"");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void theShippedRulesCountNoFactTwice() throws Exception {
        assertThat(shippedWarnings()).noneSatisfy(w -> assertThat(w.message()).contains("one fact would count twice"));
    }

    @Test
    void aCheckNoRuleReadsIsFlaggedForItsAnswerWouldWeighNothing() throws Exception {
        var files = rulesWith("causes.yaml", "");
        files.put("checks.yaml", files.get("checks.yaml") + """
                  - observation: the-moon-is-full
                    question: Is the moon full?
                    howTo:
                      - "Look up."
                    answer: yes-no
                """);
        Knowledge k = KnowledgeLoader.compile("test", files);
        assertThat(k.warnings()).anySatisfy(w -> assertThat(w.message())
                .contains("the check \"the-moon-is-full\" asks for an observation no rule reads"));
        assertThat(shippedWarnings()).noneSatisfy(w -> assertThat(w.message()).contains("asks for an observation no rule reads"));
    }
}
