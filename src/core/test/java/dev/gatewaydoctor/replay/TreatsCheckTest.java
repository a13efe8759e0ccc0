package dev.gatewaydoctor.replay;

import dev.gatewaydoctor.facts.Expectation;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.Site;
import dev.gatewaydoctor.knowledge.Fix;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The treats table against the fixes that were confirmed: a fix that worked for a cause it is not said to treat is a gap. */
class TreatsCheckTest {

    private static Replay.Result incident(String cause, String fix) {
        var facts = new FactSet("x", Site.UNKNOWN, List.of(), new Expectation(List.of(cause), List.of(fix), null, null), List.of());
        return new Replay.Result(Path.of(cause + ".json"), facts, null, List.of(), null);
    }

    private static Fix fix(String id, Map<String, Double> treats) {
        return new Fix(id, id, null, 3, "low", treats, List.of("step"), "verify", "undo");
    }

    @Test
    void aFixConfirmedForACauseItIsNotSaidToTreatIsListedWithItsCount() {
        var fixes = List.of(fix("switch-php-version", Map.of("outdated-or-incompatible-code", 0.7)),
                fix("update-php-and-extensions", Map.of("php-worker-crash", 0.9)));
        var rows = TreatsCheck.untreated(List.of(
                incident("php-worker-crash", "switch-php-version"),
                incident("php-fpm-down", "switch-php-version"),
                incident("php-fpm-down", "switch-php-version"),
                incident("php-worker-crash", "update-php-and-extensions"),
                incident("outdated-or-incompatible-code", "switch-php-version"),
                incident("disk-full", "a-fix-the-catalog-does-not-have")), fixes);
        assertThat(rows).containsExactly(
                new TreatsCheck.Row("php-fpm-down", "switch-php-version", 2),
                new TreatsCheck.Row("php-worker-crash", "switch-php-version", 1));
    }
}
