package dev.gatewaydoctor.replay;

import dev.gatewaydoctor.EvidenceItem;
import dev.gatewaydoctor.RankedCause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks each rule's weight against labelled incidents: a weight is the log10 of a likelihood ratio
 * (docs/confidence.md), so it can be compared with how often the rule fires on incidents whose
 * confirmed cause is the rule's cause, against how often it fires on the others. Counts get half a
 * case added (Jeffreys), so that a rule seen a few times is not called infinitely strong.
 */
public final class WeightCheck {

    /** A weight off by more than a factor of three from what the corpus says is flagged. */
    public static final double FACTOR = Math.log10(3);
    /** Fewer firings than this say too little to judge a weight by. */
    public static final int MIN_FIRINGS = 3;

    private WeightCheck() {
    }

    /**
     * One rule's weight for one cause against the corpus.
     *
     * @param withCause    incidents of that cause where the rule fired, of {@code casesWithCause}
     * @param withoutCause other incidents where the rule fired, of {@code casesWithout}
     */
    public record Row(String rule, String file, String cause, double weight, int withCause, int casesWithCause,
                      int withoutCause, int casesWithout) {

        /** log10 of how much likelier the rule fires when the cause is the confirmed one. */
        public double corpusWeight() {
            double p = (withCause + 0.5) / (casesWithCause + 1.0);
            double q = (withoutCause + 0.5) / (casesWithout + 1.0);
            return Math.log10(p / q);
        }

        public int firings() {
            return withCause + withoutCause;
        }

        /** Of the incidents where the rule fired for its cause, the share whose confirmed cause it was. */
        public double precision() {
            return firings() == 0 ? 0 : (double) withCause / firings();
        }

        /** Judged only for rules that weigh for their cause: a rule against a cause fires where it is not the cause by design. */
        public boolean disagrees() {
            return weight > 0 && firings() >= MIN_FIRINGS && Math.abs(corpusWeight() - weight) > FACTOR;
        }
    }

    /** Every (rule, cause) that fired in the given replays, with its counts. Replays without a diagnosis or a labelled cause are left out. */
    public static List<Row> check(List<Replay.Result> results) {
        var labelled = results.stream().filter(r -> r.diagnosis() != null && r.confirmedCause() != null).toList();
        var byCause = new LinkedHashMap<String, Integer>();
        for (Replay.Result r : labelled) byCause.merge(r.confirmedCause(), 1, Integer::sum);
        record Key(String rule, String cause) {
        }
        var fired = new LinkedHashMap<Key, int[]>();
        var info = new LinkedHashMap<Key, EvidenceItem>();
        for (Replay.Result r : labelled) {
            String truth = r.confirmedCause();
            for (RankedCause c : r.diagnosis().causes()) {
                for (EvidenceItem e : c.evidence()) {
                    Key k = new Key(e.rule(), c.id());
                    int[] n = fired.computeIfAbsent(k, x -> new int[2]);
                    n[c.id().equals(truth) ? 0 : 1]++;
                    info.merge(k, e, (a, b) -> Math.abs(a.weight()) >= Math.abs(b.weight()) ? a : b);
                }
            }
        }
        var rows = new ArrayList<Row>();
        fired.forEach((k, n) -> {
            int with = byCause.getOrDefault(k.cause(), 0);
            EvidenceItem e = info.get(k);
            rows.add(new Row(k.rule(), e.file(), k.cause(), e.weight(), n[0], with, n[1], labelled.size() - with));
        });
        rows.sort(Comparator.comparingDouble((Row r) -> -Math.abs(r.corpusWeight() - r.weight())));
        return rows;
    }

    /** The rows worth a look: flagged ones. */
    public static List<Row> disagreements(List<Row> rows) {
        return rows.stream().filter(Row::disagrees).toList();
    }

    /**
     * Whether the rule's file says what the corpus shows beside the rule: the comment right above it names
     * the corpus or its tuning slice. A flagged weight is either changed or explained there (docs/confidence.md).
     *
     * @param texts every rule file's text by its path relative to the rules directory
     */
    public static boolean explained(Row row, Map<String, String> texts) {
        String note = dev.gatewaydoctor.knowledge.Knowledge.commentAbove(row.file() == null ? null : texts.get(row.file()), row.rule())
                .toLowerCase(java.util.Locale.ROOT);
        return note.contains("corpus") || note.contains("tuning slice");
    }

}
