package dev.gatewaydoctor.replay;

import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.RankedFix;
import dev.gatewaydoctor.facts.Expectation;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.knowledge.Fix;
import dev.gatewaydoctor.knowledge.Knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How right the diagnosis is on a corpus of labelled incidents, scored rather than asserted case by
 * case (docs/accuracy.md). An incident is right when its expected cause is ranked first; its fix is
 * right when the fix that worked is ranked first. Confidence is judged as a forecast that the first
 * cause is right: the Brier score and a reliability table.
 */
public final class Score {

    /** Confidence bins of the reliability table: [lower, upper). The last bin includes 1.0. */
    public static final double[] BINS = {0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001};
    /** A confident answer, for the share of confident wrong answers. */
    public static final double CONFIDENT = 0.8;

    private Score() {
    }

    /** One incident scored. {@code fixRank} and {@code seedFixRank} are the worst rank when the fix is not ranked. */
    public record Case(String file, String url, boolean validation, boolean hard, boolean scored, boolean causeAt1, boolean causeAt3,
                       boolean fixAt1, int fixRank, int seedFixRank, double confidence, String got, String expected, String error) {
    }

    /** One bin of the reliability table: how many answers had a first cause with a confidence in [low, high), and how many were right. */
    public record Bin(double low, double high, int count, double meanConfidence, int right) {
        public double accuracy() {
            return count == 0 ? Double.NaN : (double) right / count;
        }

        /**
         * The range the bin's true accuracy lies in with 95% confidence (Wilson's interval), as {lower, upper}:
         * with a handful of answers in a bin, 57% right may be a confidence of 0.75 that is right, or not.
         */
        public double[] accuracyRange() {
            if (count == 0) return new double[] {0, 1};
            double z = 1.96;
            double p = accuracy();
            double centre = (p + z * z / (2.0 * count)) / (1 + z * z / count);
            double half = z / (1 + z * z / count) * Math.sqrt(p * (1 - p) / count + z * z / (4.0 * count * count));
            return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
        }
    }

    /** The figures for a set of cases. */
    public record Figures(int cases, double causeAt1, double causeAt3, double fixAt1, double meanFixRank, double meanSeedFixRank,
                          double confidentWrong, double brier, List<Bin> reliability) {
    }

    /**
     * The slice of an incident: one in three goes to validation, chosen by the SHA-256 of its thread's
     * URL (first two bytes, modulo 3, equal to 0), fixed before any rule was written from the corpus. An
     * incident without a URL goes by its file name.
     */
    public static boolean validation(String urlOrName) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(urlOrName.strip().getBytes(StandardCharsets.UTF_8));
            return (((h[0] & 0xff) << 8 | (h[1] & 0xff)) % 3) == 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scores one replayed incident. */
    public static Case of(Replay.Result r, Knowledge knowledge) {
        FactSet facts = r.facts();
        String file = r.file().getFileName().toString();
        String url = facts != null && facts.provenance() != null && facts.provenance().url() != null ? facts.provenance().url() : null;
        boolean validation = validation(url != null ? url : file);
        Expectation e = facts == null ? null : facts.expect();
        boolean hard = e != null && e.tagsOrEmpty().contains("hard");
        int worst = knowledge.fixes().size() + 1;
        if (r.diagnosis() == null || r.confirmedCause() == null) {
            return new Case(file, url, validation, hard, false, false, false, false, worst, worst, 0, null, r.confirmedCause(), r.error());
        }
        RankedCause top = r.diagnosis().topCause();
        Integer causeRank = r.causeRank();
        boolean at1 = causeRank != null && causeRank == 1;
        boolean at3 = causeRank != null && causeRank <= 3;
        List<String> fixes = e.fixes() == null ? List.of() : e.fixes();
        int fixRank = worst;
        for (RankedFix f : r.diagnosis().fixes()) {
            if (fixes.contains(f.id())) {
                fixRank = f.rank();
                break;
            }
        }
        return new Case(file, url, validation, hard, true, at1, at3, fixRank == 1, fixRank, seedRank(knowledge, fixes, worst),
                top == null ? 0 : top.confidence(), top == null ? null : top.id(), e.causes().get(0), null);
    }

    /** Where the fix that worked stands in the seed article's fixed checklist; a fix the article does not list is not ranked. */
    static int seedRank(Knowledge knowledge, List<String> fixes, int worst) {
        List<Fix> seed = knowledge.fixes().stream().filter(f -> f.seed() != null).sorted(Comparator.comparingInt(Fix::seed)).toList();
        for (int i = 0; i < seed.size(); i++) if (fixes.contains(seed.get(i).id())) return i + 1;
        return worst;
    }

    /**
     * How often each cause was the confirmed one among incidents showing each gateway status, and among
     * all of them ("any"): the counts of rules/base-rates.yaml. Count only the tuning slice.
     */
    public static java.util.SortedMap<String, java.util.SortedMap<String, Integer>> baseRates(List<Replay.Result> results) {
        var out = new java.util.TreeMap<String, java.util.SortedMap<String, Integer>>();
        for (Replay.Result r : results) {
            String cause = r.confirmedCause();
            if (cause == null) continue;
            out.computeIfAbsent("any", k -> new java.util.TreeMap<>()).merge(cause, 1, Integer::sum);
            for (Integer s : dev.gatewaydoctor.engine.GatewayStatuses.seen(r.facts().facts(), List.of())) out.computeIfAbsent(String.valueOf(s), k -> new java.util.TreeMap<>()).merge(cause, 1, Integer::sum);
        }
        return out;
    }

    public static Figures figures(List<Case> all) {
        List<Case> cases = all.stream().filter(Case::scored).toList();
        int n = cases.size();
        if (n == 0) return new Figures(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of());
        var bins = new ArrayList<Bin>();
        for (int i = 0; i + 1 < BINS.length; i++) {
            double lo = BINS[i], hi = BINS[i + 1];
            List<Case> in = cases.stream().filter(c -> c.confidence() >= lo && c.confidence() < hi).toList();
            bins.add(new Bin(lo, Math.min(hi, 1.0), in.size(), in.stream().mapToDouble(Case::confidence).average().orElse(Double.NaN),
                    (int) in.stream().filter(Case::causeAt1).count()));
        }
        return new Figures(n,
                share(cases, Case::causeAt1), share(cases, Case::causeAt3), share(cases, Case::fixAt1),
                cases.stream().mapToInt(Case::fixRank).average().orElse(Double.NaN),
                cases.stream().mapToInt(Case::seedFixRank).average().orElse(Double.NaN),
                share(cases, c -> !c.causeAt1() && c.confidence() >= CONFIDENT),
                cases.stream().mapToDouble(c -> Math.pow(c.confidence() - (c.causeAt1() ? 1 : 0), 2)).average().orElse(Double.NaN),
                List.copyOf(bins));
    }

    private static double share(List<Case> cases, java.util.function.Predicate<Case> p) {
        return (double) cases.stream().filter(p).count() / cases.size();
    }
}
