package dev.gatewaydoctor;

import dev.gatewaydoctor.facts.FactSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A Diagnoser over a watched directory swaps in changed rules, keeps the last good ones, never mixes two versions. */
class LiveReloadTest {

    private static final FactSet FULL_DISK = FactSet.builder().metric("disk.utilization", 0.99).build();

    private static RulesReload next(BlockingQueue<RulesReload> reloads) throws InterruptedException {
        RulesReload r = reloads.poll(30, TimeUnit.SECONDS);
        assertThat(r).as("a reload within 30 s").isNotNull();
        return r;
    }

    @Test
    void aChangedRuleIsServedAndABrokenOneLeavesTheLastGoodRulesServing(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        BlockingQueue<RulesReload> reloads = new LinkedBlockingQueue<>();
        try (Diagnoser doctor = Diagnoser.watching(rules, reloads::add)) {
            Diagnosis before = doctor.diagnose(FULL_DISK);
            assertThat(before.topCause().id()).isEqualTo("disk-full");

            Path transientRules = rules.resolve("causes/transient-upstream-glitch.drl");
            Files.writeString(transientRules, Files.readString(transientRules) + TestRules.FULL_DISK_AS_GLITCH_RULE);
            RulesReload good = next(reloads);
            assertThat(good.applied()).isTrue();
            Diagnosis after = doctor.diagnose(FULL_DISK);
            assertThat(after.topCause().id()).isEqualTo("transient-upstream-glitch");
            assertThat(after.rulesVersion()).isEqualTo(good.version()).isNotEqualTo(before.rulesVersion());

            Path disk = rules.resolve("causes/disk-full.drl");
            Files.writeString(disk, Files.readString(disk) + "\nrule \"broken\"\nwhen\n    Metric(name == \n then\nend\n");
            RulesReload broken = next(reloads);
            assertThat(broken.applied()).isFalse();
            assertThat(broken.problems()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo("causes/disk-full.drl");
                assertThat(p.line()).isGreaterThan(0);
            });
            Diagnosis stillServed = doctor.diagnose(FULL_DISK);
            assertThat(stillServed.rulesVersion()).isEqualTo(good.version());
            assertThat(stillServed.topCause().id()).isEqualTo("transient-upstream-glitch");
        }
    }

    @Test
    void aRuleFileSavedInAnotherEncodingIsABrokenReloadNamingTheFile(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        BlockingQueue<RulesReload> reloads = new LinkedBlockingQueue<>();
        try (Diagnoser doctor = Diagnoser.watching(rules, reloads::add)) {
            String served = doctor.rulesVersion();
            Path disk = rules.resolve("causes/disk-full.drl");
            // An editor set to Latin-1 writes é as one byte, which is no UTF-8: reported, not retried in silence.
            Files.write(disk, (Files.readString(disk) + "\n// caf\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            RulesReload broken = next(reloads);
            assertThat(broken.applied()).isFalse();
            assertThat(broken.problems()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo("causes/disk-full.drl");
                assertThat(p.message()).startsWith("not UTF-8 text");
            });
            assertThat(doctor.rulesVersion()).isEqualTo(served);
        }
    }

    @Test
    void noDiagnosisMixesTwoVersions(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        BlockingQueue<RulesReload> reloads = new LinkedBlockingQueue<>();
        Path transientRules = rules.resolve("causes/transient-upstream-glitch.drl");
        String original = Files.readString(transientRules);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Diagnoser doctor = Diagnoser.watching(rules, reloads::add)) {
            // Each version gives one answer for the same facts; a mixed session would give the other's answer.
            var answerByVersion = new ConcurrentHashMap<String, Set<String>>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        Diagnosis d = doctor.diagnose(FULL_DISK);
                        answerByVersion.computeIfAbsent(d.rulesVersion(), v -> ConcurrentHashMap.newKeySet()).add(d.topCause().id());
                    }
                    return null;
                }));
            }
            // There and back: two reloads while four threads diagnose, each answer tied to its version.
            Files.writeString(transientRules, original + TestRules.FULL_DISK_AS_GLITCH_RULE);
            assertThat(next(reloads).applied()).isTrue();
            Files.writeString(transientRules, original);
            assertThat(next(reloads).applied()).isTrue();
            stop.set(true);
            for (Future<?> w : workers) w.get(60, TimeUnit.SECONDS);
            assertThat(answerByVersion).hasSizeGreaterThanOrEqualTo(2);
            answerByVersion.forEach((version, answers) -> assertThat(answers).as("answers of version %s", version).hasSize(1));
        } finally {
            pool.shutdownNow();
        }
    }
}
