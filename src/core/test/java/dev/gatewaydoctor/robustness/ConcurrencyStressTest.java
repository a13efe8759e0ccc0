package dev.gatewaydoctor.robustness;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.RulesReload;
import dev.gatewaydoctor.SamplesTest;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 8 threads x 250 diagnoses of the samples on one watching Diagnoser, with a rules reload halfway:
 * every answer equals the single-threaded answer for its fact set. Every wait is bounded: a worker that
 * fails ends the test at once, with its failure.
 */
class ConcurrencyStressTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 250;

    /** What must not differ between threads: the ranking and its reasons, not the rules' version stamp. */
    record Answer(Object basis, Object causes, Object fixes, Object warnings, Object fired) {
        static Answer of(Diagnosis d) {
            return new Answer(d.basis(), d.causes(), d.fixes(), d.warnings(), d.rulesFired());
        }
    }

    @Test
    void eightThreadsAndAReloadGiveTheSingleThreadedAnswers(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        List<FactSet> samples = new ArrayList<>();
        for (Path p : SamplesTest.samples()) samples.add(new FactSetReader().read(p));
        var reloads = new LinkedBlockingQueue<RulesReload>();
        var pool = Executors.newFixedThreadPool(THREADS);
        try (Diagnoser doctor = Diagnoser.watching(rules, reloads::add)) {
            List<Answer> expected = samples.stream().map(doctor::diagnose).map(Answer::of).toList();
            String firstVersion = doctor.rulesVersion();
            var versions = ConcurrentHashMap.<String>newKeySet();
            var done = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * 7;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        int k = (offset + i) % samples.size();
                        Diagnosis d = doctor.diagnose(samples.get(k));
                        versions.add(d.rulesVersion());
                        if (!Answer.of(d).equals(expected.get(k))) throw new AssertionError("sample " + k + " answered differently under load");
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (done.get() < THREADS * PER_THREAD / 2) {
                for (Future<?> w : workers) if (w.isDone()) w.get(); // a worker's failure, now
                assertThat(System.nanoTime()).as("half the diagnoses within two minutes").isLessThan(deadline);
                Thread.sleep(20);
            }
            Path fixes = rules.resolve("fixes.drl");
            Files.writeString(fixes, Files.readString(fixes) + "\n// reloaded under load\n");
            RulesReload reload = reloads.poll(60, TimeUnit.SECONDS);
            assertThat(reload).as("a reload under load").isNotNull();
            assertThat(reload.applied()).isTrue();
            for (Future<?> w : workers) w.get(5, TimeUnit.MINUTES);
            assertThat(done.get()).isEqualTo(THREADS * PER_THREAD);
            assertThat(versions).contains(firstVersion);
            Set<String> seen = Set.copyOf(versions);
            assertThat(seen).as("versions served").isSubsetOf(firstVersion, reload.version());
        } finally {
            pool.shutdownNow();
        }
    }
}
