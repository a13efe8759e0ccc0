package dev.gatewaydoctor;

import dev.gatewaydoctor.engine.ConfidenceModel;
import dev.gatewaydoctor.facts.Expectation;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays every sample in facts-samples/ against rules/ and checks its expect block. */
class SamplesTest {

    static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(TestRules.SAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everySampleMeetsItsExpectation() throws IOException {
        return samples().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            FactSet facts = new FactSetReader().read(file);
            assertThat(facts.expect()).as("%s has an expect block", file).isNotNull();
            assertThat(facts.warnings()).as("warnings reading %s", file).isEmpty();
            Diagnosis d = TestRules.diagnoser().diagnose(facts);
            check(file, facts.expect(), d);
        }));
    }

    static void check(Path file, Expectation expect, Diagnosis d) {
        String shown = file + " diagnosed as " + d.causes().stream().map(c -> c.id() + "=" + c.confidence()).toList()
                + " fixes " + d.fixes().stream().limit(4).map(f -> f.id() + "=" + f.score()).toList();
        if (expect.causes() != null) {
            if (expect.causes().isEmpty()) {
                assertThat(d.causes()).as(shown).allSatisfy(c -> assertThat(c.confidence()).isLessThan(ConfidenceModel.PROBABLE));
            } else {
                assertThat(d.topCause()).as(shown).isNotNull();
                assertThat(expect.causes()).as(shown).contains(d.topCause().id());
            }
        }
        if (expect.fixes() != null && !expect.fixes().isEmpty()) {
            assertThat(d.fixes()).as(shown).isNotEmpty();
            assertThat(expect.fixes()).as(shown).contains(d.fixes().get(0).id());
        }
        if (expect.notCauses() != null && d.topCause() != null) {
            assertThat(expect.notCauses()).as(shown).doesNotContain(d.topCause().id());
        }
        if (expect.alsoProbable() != null) {
            for (String also : expect.alsoProbable()) {
                assertThat(d.causes()).as("%s: %s is probable as well", shown, also)
                        .anySatisfy(c -> {
                            assertThat(c.id()).isEqualTo(also);
                            assertThat(c.confidence()).isGreaterThanOrEqualTo(ConfidenceModel.PROBABLE);
                        });
            }
        }
        if (expect.culprit() != null) {
            RankedCause top = d.topCause();
            assertThat(top).as(shown).isNotNull();
            String named = top.culprit() + " " + top.evidence().stream().map(e -> e.culprit() + " " + e.facts()).toList();
            assertThat(named).as("%s: culprit named by %s", shown, top.id()).contains(expect.culprit());
            assertThat(d.fixes().get(0).steps() + " " + d.fixes().get(0).reason()).as("%s: culprit in the first fix", shown)
                    .contains(expect.culprit());
        }
    }

    @Test
    void samplesCoverTheSixCausesOfTheEngine() throws Exception {
        var firstExpected = new java.util.HashSet<String>();
        for (Path p : samples()) {
            var e = new FactSetReader().read(p).expect();
            if (e != null && e.causes() != null && !e.causes().isEmpty()) firstExpected.add(e.causes().get(0));
        }
        assertThat(firstExpected).contains("php-fpm-pool-exhausted", "php-memory-exhausted", "plugin-or-theme-fatal-error",
                "cdn-or-firewall-misconfiguration", "upstream-header-too-big", "transient-upstream-glitch");
    }

    @Test
    void everyCauseRulesFileIsNamedAfterAKnownCause() throws Exception {
        try (Stream<Path> files = Files.list(TestRules.RULES.resolve("causes"))) {
            files.forEach(f -> assertThat(TestRules.diagnoser().knowledge().cause(f.getFileName().toString().replace(".drl", "")))
                    .as("cause for %s", f).isNotNull());
        }
    }
}
