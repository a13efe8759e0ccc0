package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.ingest.LogIngest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Fleet mode's figures for docs/performance.md (src/bench/fleet.sh runs it; never run by the tests):
 * <ol>
 * <li>lines per second through the topology on one thread (the TopologyTestDriver: the processor, its stores and
 * serdes, reading and recognising each line; no broker), for a fleet's mix of access and error logs, with the
 * stores in memory and in RocksDB;</li>
 * <li>reading and recognising alone (InputReader), the part that grows with the lines;</li>
 * <li>diagnoses per second as the topology makes them (the fact set from the windows, the diagnosis, the JSON), with
 * and without next checks: the same lines run with every site in an incident diagnosed every minute and with no
 * incident, and the difference is divided by the diagnoses.</li>
 * </ol>
 * Usage: FleetBenchmark [sites] [minutes]
 */
public final class FleetBenchmark {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");

    public static void main(String[] args) throws Exception {
        int sites = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        Diagnoser doctor = Diagnoser.withBundledRules();
        List<SiteLogs.Rec> lines = fleet(sites, minutes, new Random(42));
        System.out.printf(Locale.ROOT, "%d sites, %d minutes, %,d lines; %s%n", sites, minutes, lines.size(), noiseShare(doctor, lines));

        // Warm-up: the JIT, the recogniser, RocksDB's native library.
        run(doctor, lines.subList(0, Math.min(lines.size(), 60_000)), Map.of("state.stores", "memory"));
        for (String stores : List.of("memory", "persistent")) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) best = Math.min(best, run(doctor, lines, Map.of("state.stores", stores)).nanos);
            System.out.printf(Locale.ROOT, "topology, %s stores: %,.0f lines/s on one thread (best of 3)%n", stores, lines.size() / (best / 1e9));
        }

        var reader = new InputReader(new Recognition(doctor), java.time.ZoneOffset.UTC);
        var bytes = lines.stream().map(r -> r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            for (byte[] b : bytes) reader.line(null, b);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf(Locale.ROOT, "reading and recognising alone: %,.0f lines/s on one thread (best of 5)%n", bytes.size() / (best / 1e9));

        // Diagnoses: every site failing from minute 40 on, diagnosed every minute, against the same lines with none opening.
        List<SiteLogs.Rec> failing = fleetFailing(sites / 4, minutes, new Random(7));
        for (String checks : List.of("false", "true")) {
            Run quiet = run(doctor, failing, Map.of("state.stores", "memory", "onset.threshold", "1000000", "next-checks", checks));
            Run busy = run(doctor, failing, Map.of("state.stores", "memory", "rediagnose.every", "PT1M", "next-checks", checks));
            double perDiagnosis = (busy.nanos - quiet.nanos) / 1e9 / busy.diagnoses;
            System.out.printf(Locale.ROOT, "diagnoses%s: %,d in %.1f s more than without: %.1f ms each, %,.0f per second on one thread%n",
                    checks.equals("true") ? " with next checks" : "", busy.diagnoses, (busy.nanos - quiet.nanos) / 1e9, perDiagnosis * 1000, 1 / perDiagnosis);
        }
    }

    private record Run(long nanos, int diagnoses) {
    }

    private static Run run(Diagnoser doctor, List<SiteLogs.Rec> lines, Map<String, String> settings) throws Exception {
        Path state = Files.createTempDirectory("fleet-bench");
        var all = new java.util.HashMap<String, String>(settings);
        all.putIfAbsent("next-checks", "false");
        try (var fleet = new FleetDriver(doctor, state, all)) {
            long t0 = System.nanoTime();
            fleet.pipe(lines);
            long nanos = System.nanoTime() - t0;
            int diagnoses = (int) fleet.diagnoses().stream().filter(d -> d.get("type").asText().equals("diagnosis")).count();
            return new Run(nanos, diagnoses);
        } finally {
            try (var walk = Files.walk(state)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The share of lines that carry no signal, as the recogniser reads them. */
    private static String noiseShare(Diagnoser doctor, List<SiteLogs.Rec> lines) {
        LogIngest ingest = new Recognition(doctor).get();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        long noise = 0;
        long access = 0;
        for (var r : lines) {
            try {
                var o = mapper.readTree(r.value());
                if (o.get("source").asText().equals("nginx-access")) access++;
                if (ingest.readLine(o.get("source").asText(), o.get("line").asText(), null, Instant.now()).noise()) noise++;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.format(Locale.ROOT, "%.1f%% access log lines, %.1f%% of all lines noise", 100.0 * access / lines.size(), 100.0 * noise / lines.size());
    }

    /**
     * A fleet's logs: each site answers a request every 2 to 10 s (200s, a few 404s), its error log holds a line of
     * noise every 30 to 60 s (a missing favicon), and one site in ten has a full pool for ten minutes.
     */
    static List<SiteLogs.Rec> fleet(int sites, int minutes, Random random) {
        var out = new ArrayList<SiteLogs.Rec>();
        Instant end = START.plus(Duration.ofMinutes(minutes));
        for (int s = 0; s < sites; s++) {
            String site = "site-" + s;
            int every = 2 + random.nextInt(9);
            int n = 0;
            for (Instant t = START.plusMillis(random.nextInt(10_000)); t.isBefore(end); t = t.plusSeconds(every), n++) {
                out.add(SiteLogs.access(site, t, "/product/" + (n % 40) + "/", n % 50 == 0 ? 404 : 200, n % 250));
                if (n % (30 / every + 3) == 0) out.add(SiteLogs.favicon(site, t.plusMillis(300), n));
            }
            if (s % 10 == 0) {
                Instant from = START.plus(Duration.ofMinutes(60 + random.nextInt(Math.max(1, minutes - 70))));
                out.addAll(SiteLogs.poolExhausted(site, from, from.plusSeconds(600), every));
            }
        }
        out.sort(Comparator.comparing(SiteLogs.Rec::at));
        return out;
    }

    /** Every site healthy for 40 minutes, then its pool full to the end. */
    static List<SiteLogs.Rec> fleetFailing(int sites, int minutes, Random random) {
        var out = new ArrayList<SiteLogs.Rec>();
        Instant turn = START.plus(Duration.ofMinutes(40));
        Instant end = START.plus(Duration.ofMinutes(minutes));
        for (int s = 0; s < sites; s++) {
            String site = "failing-" + s;
            out.addAll(SiteLogs.healthy(site, START.plusMillis(random.nextInt(5_000)), turn, 5));
            out.addAll(SiteLogs.poolExhausted(site, turn.plusMillis(random.nextInt(5_000)), end, 4));
        }
        out.sort(Comparator.comparing(SiteLogs.Rec::at));
        return out;
    }
}
