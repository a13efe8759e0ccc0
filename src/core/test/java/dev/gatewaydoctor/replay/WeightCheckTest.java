package dev.gatewaydoctor.replay;

import dev.gatewaydoctor.Basis;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.EvidenceItem;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.facts.Expectation;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.Site;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A rule's weight and precision against labelled incidents: how often it fires with its cause, and without. */
class WeightCheckTest {

    private static Replay.Result incident(String confirmed, String... firedForPoolExhausted) {
        var evidence = new ArrayList<EvidenceItem>();
        for (String rule : firedForPoolExhausted) evidence.add(new EvidenceItem(rule, "causes/php-fpm-pool-exhausted.drl", 2.0, null, List.of(), null, true));
        var cause = new RankedCause(1, "php-fpm-pool-exhausted", "pool", 0.9, null, evidence);
        var d = new Diagnosis("x", Basis.EVIDENCE, List.of(cause), List.of(), List.of(), "rules", "v", new java.util.TreeSet<>(), null);
        var facts = new FactSet("x", Site.UNKNOWN, List.of(), new Expectation(List.of(confirmed), List.of(), null, null), List.of());
        return new Replay.Result(Path.of(confirmed + ".json"), facts, d, List.of(), null);
    }

    @Test
    void aRuleThatFiresMostlyWithOtherCausesHasALowPrecisionAndACorpusWeightBelowItsOwn() {
        var results = List.of(
                incident("php-fpm-pool-exhausted", "max_children"),
                incident("traffic-overload", "max_children"),
                incident("traffic-overload", "max_children"),
                incident("traffic-overload", "max_children"),
                incident("php-fpm-down"));
        WeightCheck.Row row = WeightCheck.check(results).stream().filter(r -> r.rule().equals("max_children")).findFirst().orElseThrow();
        assertThat(row.withCause()).isEqualTo(1);
        assertThat(row.casesWithCause()).isEqualTo(1);
        assertThat(row.withoutCause()).isEqualTo(3);
        assertThat(row.casesWithout()).isEqualTo(4);
        assertThat(row.precision()).isEqualTo(0.25);
        // log10(((1 + 0.5) / 2) / ((3 + 0.5) / 5)) = log10(0.75 / 0.7)
        assertThat(row.corpusWeight()).isCloseTo(Math.log10(0.75 / 0.7), within(1e-9));
        assertThat(row.disagrees()).as("+2.0 claimed, about +0.03 seen").isTrue();
        assertThat(WeightCheck.disagreements(List.of(row))).containsExactly(row);
    }

    @Test
    void aFlaggedWeightIsExplainedOnlyByACorpusNoteRightAboveItsRule() {
        var row = new WeightCheck.Row("Pool full", "causes/php-fpm-pool-exhausted.drl", "php-fpm-pool-exhausted", 2.0, 1, 1, 3, 4);
        String noted = """
                // PHP-FPM's own warning.
                // Corpus check (tuning slice): 1 of 1, 3 of 4 others; kept, the line names the pool.
                rule "Pool full"
                when
                then
                end
                """;
        String noteElsewhere = """
                // Corpus check: written above another rule.
                rule "Other"
                when
                then
                end

                // PHP-FPM's own warning.
                rule "Pool full"
                when
                then
                end
                """;
        assertThat(WeightCheck.explained(row, java.util.Map.of(row.file(), noted))).isTrue();
        assertThat(WeightCheck.explained(row, java.util.Map.of(row.file(), noteElsewhere))).isFalse();
        assertThat(WeightCheck.explained(row, java.util.Map.of())).as("a file not given").isFalse();
    }
}
