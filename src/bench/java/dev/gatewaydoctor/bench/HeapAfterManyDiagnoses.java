package dev.gatewaydoctor.bench;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.facts.FactSet;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * 100,000 diagnoses of the typical fact set with one Diagnoser, printing the heap in use after a full
 * GC every 10,000: a leak from sessions shows as a rising line. Run by src/bench/run.sh.
 */
public final class HeapAfterManyDiagnoses {

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Diagnoser doctor = Diagnoser.fromDirectory(Path.of("rules"));
        FactSet facts = BenchFacts.typical();
        var memory = ManagementFactory.getMemoryMXBean();
        long start = System.nanoTime();
        for (int i = 1; i <= total; i++) {
            doctor.diagnose(facts);
            if (i % 10_000 == 0) {
                System.gc();
                System.gc();
                long used = memory.getHeapMemoryUsage().getUsed();
                System.out.printf("after %,7d diagnoses: heap in use after GC %6.1f MB (%.0f s)%n", i, used / 1e6, (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
