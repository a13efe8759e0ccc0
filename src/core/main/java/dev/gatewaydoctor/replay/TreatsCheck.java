package dev.gatewaydoctor.replay;

import dev.gatewaydoctor.knowledge.Fix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the "treats" table of fixes.yaml against labelled incidents: a fix that was confirmed to solve
 * an incident of a cause it is not said to treat is knowledge the table lacks, and that fix can then only
 * rank where no evidence put it (docs/confidence.md, "The corpus check").
 */
public final class TreatsCheck {

    private TreatsCheck() {
    }

    /** A fix confirmed to solve this many incidents of a cause. */
    public record Row(String cause, String fix, int incidents) {
    }

    /** Each (confirmed cause, confirmed fix) whose fix does not treat the cause in the table, most incidents first. */
    public static List<Row> untreated(List<Replay.Result> results, List<Fix> fixes) {
        Map<String, Map<String, Double>> treats = new LinkedHashMap<>();
        for (Fix f : fixes) treats.put(f.id(), f.treats());
        record Key(String cause, String fix) {
        }
        var counts = new LinkedHashMap<Key, Integer>();
        for (Replay.Result r : results) {
            if (r.confirmedCause() != null && r.confirmedFix() != null) counts.merge(new Key(r.confirmedCause(), r.confirmedFix()), 1, Integer::sum);
        }
        var rows = new ArrayList<Row>();
        counts.forEach((k, n) -> {
            Map<String, Double> t = treats.get(k.fix());
            if (t != null && !t.containsKey(k.cause())) rows.add(new Row(k.cause(), k.fix(), n));
        });
        rows.sort(Comparator.comparingInt((Row r) -> -r.incidents()).thenComparing(Row::cause).thenComparing(Row::fix));
        return rows;
    }
}
