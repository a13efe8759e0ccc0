package dev.gatewaydoctor.robustness;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.RuleFaultException;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.FactSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rule that loops, or inserts facts without end, stops at the default firing limit within a time
 * bound, with an error naming it; meanwhile other diagnoses on the same Diagnoser go on, unaffected.
 */
class RuleFaultsTest {

    private static final FactSet TRIGGER = FactSet.builder().observation("fault-trigger", true).build();
    private static final FactSet ORDINARY = FactSet.builder()
            .log("php-fpm", "[01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it")
            .build();

    private static final String BREEDER = """
            rule "Breeds observations without end"
            when
                Observation(name == "fault-trigger")
                $o : Observation(name str[startsWith] "fault-")
            then
                insert(new Observation("fault-" + System.nanoTime(), "true", null, null));
            end
            """;

    private static Diagnoser withRule(Path tmp, String rule) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Path drl = rules.resolve("causes/disk-full.drl");
        Files.writeString(drl, Files.readString(drl) + "\n" + rule);
        return Diagnoser.fromDirectory(rules);
    }

    @Test
    void aRuleThatReactivatesItselfForeverStopsAtTheDefaultLimit(@TempDir Path tmp) throws Exception {
        Diagnoser doctor = withRule(tmp, """
                rule "Re-examines the trigger forever"
                when
                    $o : Observation(name == "fault-trigger")
                then
                    update($o);
                end
                """);
        long start = System.nanoTime();
        assertThatThrownBy(() -> doctor.diagnose(TRIGGER)).isInstanceOf(RuleFaultException.class)
                .hasMessageContaining("the limit").hasMessageContaining("\"Re-examines the trigger forever\"")
                .hasMessageContaining("causes/disk-full.drl");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds until stopped").isLessThan(30);
    }

    // Sessions are reused from a pool: one stopped mid-run, with activations still queued and thousands of
    // facts in it, must leave nothing for the next diagnosis.
    @Test
    void aSessionStoppedAtTheLimitLeavesNothingToTheNextDiagnosis(@TempDir Path tmp) throws Exception {
        Diagnosis fresh = withRule(tmp.resolve("a"), BREEDER).diagnose(ORDINARY);
        Diagnoser doctor = withRule(tmp.resolve("b"), BREEDER);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> doctor.diagnose(TRIGGER)).isInstanceOf(RuleFaultException.class);
            Diagnosis after = doctor.diagnose(ORDINARY);
            assertThat(after.causes()).isEqualTo(fresh.causes());
            assertThat(after.fixes()).isEqualTo(fresh.fixes());
            assertThat(after.warnings()).isEqualTo(fresh.warnings());
        }
    }

    @Test
    void aRuleThatInsertsWithoutEndStopsAndOtherDiagnosesGoOn(@TempDir Path tmp) throws Exception {
        Diagnoser doctor = withRule(tmp, BREEDER);
        Diagnosis expected = doctor.diagnose(ORDINARY);
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<Throwable> faulty = pool.submit(() -> {
                try {
                    doctor.diagnose(TRIGGER);
                    return null;
                } catch (RuleFaultException e) {
                    return e;
                }
            });
            Future<Integer> ordinary = pool.submit(() -> {
                int done = 0;
                while (!faulty.isDone()) {
                    Diagnosis d = doctor.diagnose(ORDINARY);
                    assertThat(d.causes()).usingRecursiveComparison().isEqualTo(expected.causes());
                    done++;
                }
                return done;
            });
            Throwable fault = faulty.get(60, TimeUnit.SECONDS);
            assertThat(fault).isInstanceOf(RuleFaultException.class).hasMessageContaining("\"Breeds observations without end\"");
            assertThat(ordinary.get(60, TimeUnit.SECONDS)).as("ordinary diagnoses while the faulty one ran").isPositive();
            assertThat(doctor.diagnose(ORDINARY).causes()).usingRecursiveComparison().isEqualTo(expected.causes());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aConditionThatThrowsWhileFactsAreInsertedIsARuleFaultNotADroolsException(@TempDir Path tmp) throws Exception {
        Diagnoser doctor = withRule(tmp, """
                rule "Reads a number where there is none"
                when
                    Observation(name == "fault-trigger", Integer.parseInt(name) > 0)
                then
                    insert(new Evidence("disk-full", 1.0));
                end
                """);
        assertThatThrownBy(() -> doctor.diagnose(TRIGGER)).isInstanceOf(RuleFaultException.class)
                .hasMessageContaining("rule \"Reads a number where there is none\" in causes/disk-full.drl").hasMessageContaining("NumberFormatException")
                .satisfies(e -> assertThat(e.getClass().getName()).startsWith("dev.gatewaydoctor."));
        assertThat(doctor.diagnose(ORDINARY).topCause()).isNotNull();
    }
}
