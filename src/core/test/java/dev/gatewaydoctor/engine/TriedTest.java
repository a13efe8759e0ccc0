package dev.gatewaydoctor.engine;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.FactSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A fix that was tried weighs the causes it treats, from the treats table alone (rules/tried.drl). */
class TriedTest {

    private static final String PREMATURE_CLOSE = "2024/05/02 09:14:07 [error] 2211#2211: *5120 upstream prematurely closed connection"
            + " while reading response header from upstream, client: 203.0.113.9, server: blog.example.net, request: \"GET / HTTP/1.1\","
            + " upstream: \"fastcgi://unix:/run/php/php8.1-fpm.sock:\", host: \"blog.example.net\"";

    private static double confidence(Diagnosis d, String cause) {
        return d.causes().stream().filter(c -> c.id().equals(cause)).mapToDouble(RankedCause::confidence).findFirst().orElse(0);
    }

    private static Diagnosis diagnose(FactSet.Builder b) {
        return TestRules.diagnoser().diagnose(b.build());
    }

    private static FactSet.Builder prematureClose() {
        return FactSet.builder().http(502, java.util.Map.of("Server", "nginx"), null).log("nginx-error", PREMATURE_CLOSE)
                .config("wp.WP_MEMORY_LIMIT", "40M");
    }

    @Test
    void aFixThatChangedNothingLowersTheCausesItTreats() {
        double before = confidence(diagnose(prematureClose()), "php-memory-exhausted");
        Diagnosis after = diagnose(prematureClose().tried("increase-memory-limit", "no-change"));
        assertThat(confidence(after, "php-memory-exhausted")).isLessThan(before / 3);
        assertThat(after.topCause().id()).isEqualTo("php-worker-crash");
        assertThat(after.causes().stream().filter(c -> c.id().equals("php-memory-exhausted")).findFirst().orElseThrow().evidence())
                .anySatisfy(e -> {
                    assertThat(e.rule()).isEqualTo("A fix that treats it was tried and changed nothing");
                    assertThat(e.facts()).contains("tried increase-memory-limit: no-change");
                });
    }

    @Test
    void aFixTriedInVainSaysNothingAgainstTheCausesItNamesInInVainForAndStillCountsAgainstTheOthers() {
        // restart-php-fpm names php-fpm-down in its inVainFor: a PHP-FPM that cannot start stays down through a restart.
        Diagnosis before = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).observation("site-worked-before", true));
        Diagnosis after = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).observation("site-worked-before", true)
                .tried("restart-php-fpm", "no-change"));
        assertThat(after.causes()).filteredOn(c -> c.id().equals("php-fpm-down")).flatExtracting(RankedCause::evidence)
                .noneMatch(e -> e.facts().contains("tried restart-php-fpm: no-change"));
        assertThat(confidence(after, "php-fpm-down")).isEqualTo(confidence(before, "php-fpm-down"));
        assertThat(after.causes()).filteredOn(c -> c.id().equals("php-fpm-pool-exhausted")).flatExtracting(RankedCause::evidence)
                .anySatisfy(e -> assertThat(e.rule()).isEqualTo("A fix that treats it was tried and changed nothing"));
    }

    @Test
    void worseCountsAsNotFixed() {
        double noChange = confidence(diagnose(prematureClose().tried("increase-memory-limit", "no-change")), "php-memory-exhausted");
        double worse = confidence(diagnose(prematureClose().tried("increase-memory-limit", "worse")), "php-memory-exhausted");
        assertThat(worse).isEqualTo(noChange);
    }

    @Test
    void aFixThatWorkedRaisesTheCausesItTreatsMostForTheOneItTreatsBest() {
        Diagnosis d = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).tried("restart-php-fpm", "fixed"));
        assertThat(d.topCause().id()).isEqualTo("php-fpm-down");
        assertThat(confidence(d, "php-fpm-down")).isGreaterThan(confidence(d, "php-fpm-pool-exhausted"));
        assertThat(d.fixes().get(0).id()).isEqualTo("restart-php-fpm");
    }

    @Test
    void helpedForAWhilePointsAtCausesThatBuildUpAndAwayFromAGlitch() {
        FactSet.Builder base = FactSet.builder().http(502, java.util.Map.of(), null).observation("error-is-intermittent", true);
        Diagnosis without = diagnose(base);
        Diagnosis with = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).observation("error-is-intermittent", true)
                .tried("restart-php-fpm", "helped-for-a-while"));
        assertThat(confidence(with, "php-fpm-pool-exhausted")).isGreaterThan(confidence(without, "php-fpm-pool-exhausted"));
        assertThat(confidence(with, "php-fpm-down")).isLessThan(0.1);
        assertThat(confidence(with, "transient-upstream-glitch")).isLessThan(confidence(without, "transient-upstream-glitch"));
        assertThat(with.topCause().id()).isEqualTo("php-fpm-pool-exhausted");
    }

    @Test
    void aTriedFixOutsideTheCatalogIsWarnedAboutWithTheClosestIds() {
        Diagnosis d = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).tried("restart-phpfpm", "no-change"));
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains("tried \"restart-phpfpm\" is no fix of the catalog")
                .contains("did you mean \"restart-php-fpm\""));
    }
}
