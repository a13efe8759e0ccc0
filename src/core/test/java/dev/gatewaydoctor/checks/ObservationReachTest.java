package dev.gatewaydoctor.checks;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.NextCheck;
import dev.gatewaydoctor.SamplesTest;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.engine.Engine;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.knowledge.Knowledge;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks skipped because their answer cannot reach a leading cause are exactly those that would not be offered. */
class ObservationReachTest {

    private static final Knowledge KNOWLEDGE = TestRules.knowledge();

    @Test
    void anAnswerReachesTheCausesOfTheFilesThatNameItAndThoseThatReadEvidence() {
        ObservationReach reach = ObservationReach.of(KNOWLEDGE);
        // rules/causes/php-fpm-down.drl weighs "is PHP-FPM running"; transient-upstream-glitch.drl reads other causes' evidence.
        assertThat(reach.causesMovedBy("php-fpm-running")).contains("php-fpm-down", "transient-upstream-glitch");
        assertThat(reach.causesMovedBy("php-fpm-running")).doesNotContain("upstream-header-too-big");
        assertThat(reach.causesMovedBy("a-name-no-rule-reads")).isEmpty();
    }

    @Test
    void skippingChecksThatCannotMoveTheLeadersOffersTheSameChecks() throws Exception {
        Function<FactSet, Diagnosis> trials = new Engine(dev.gatewaydoctor.Diagnoser.DEFAULT_MAX_RULE_FIRINGS, java.time.Clock.systemUTC()).trials(KNOWLEDGE);
        // Every seventh shipped sample (trying every check of every sample takes a minute): alphabetical, so spread
        // over the causes, with status-only, contrary-evidence and next-check samples among them.
        List<Path> files = new ArrayList<>();
        List<Path> samples = SamplesTest.samples();
        for (int i = 0; i < samples.size(); i += 7) files.add(samples.get(i));
        int skippedSome = 0;
        for (Path file : files) {
            FactSet facts = new FactSetReader().read(file);
            Diagnosis d = TestRules.diagnoser().diagnose(facts);
            List<NextCheck> all = NextChecks.rank(KNOWLEDGE, facts, d, trials, false);
            var counting = new java.util.concurrent.atomic.AtomicInteger();
            List<NextCheck> pruned = NextChecks.rank(KNOWLEDGE, facts, d, f -> {
                counting.incrementAndGet();
                return trials.apply(f);
            }, true);
            assertThat(pruned).as(file.toString()).isEqualTo(all);
            if (counting.get() < KNOWLEDGE.checks().size()) skippedSome++; // under half the trials of trying every check
        }
        assertThat(skippedSome).as("samples whose checks were mostly skipped").isGreaterThan(files.size() / 2);
    }
}
