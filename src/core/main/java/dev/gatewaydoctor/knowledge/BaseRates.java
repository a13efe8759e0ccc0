package dev.gatewaydoctor.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each cause was behind real incidents that showed a given gateway status, from
 * {@code rules/base-rates.yaml}. Used only when nothing but the status is known.
 *
 * @param byStatus status ("502", "521", ... and "any" for every incident) to cause id to the number of incidents
 * @param basis    where the counts come from, in words (the corpus slice and the date)
 */
public record BaseRates(Map<String, Map<String, Integer>> byStatus, String basis) {

    public static final BaseRates NONE = new BaseRates(Map.of(), null);
    /** Fewer incidents than this with the statuses seen say too little: the counts of every incident are added. */
    public static final int MIN_INCIDENTS = 8;

    public boolean isEmpty() {
        return byStatus.isEmpty();
    }

    /** The counts for the statuses seen; with too few incidents for them, or none seen, every incident's. */
    public Counts counts(List<Integer> statuses) {
        var counts = new LinkedHashMap<String, Integer>();
        var used = new java.util.ArrayList<String>();
        addRows(byStatus, statuses, counts, used);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (total < MIN_INCIDENTS && byStatus.containsKey("any")) {
            byStatus.get("any").forEach((cause, n) -> counts.merge(cause, n, Integer::sum));
            used.add("any");
        }
        return new Counts(Map.copyOf(counts), counts.values().stream().mapToInt(Integer::intValue).sum(), List.copyOf(used));
    }

    /** Counts for one diagnosis: cause to incidents, their total, and which rows of the file gave them. */
    public record Counts(Map<String, Integer> byCause, int total, List<String> rows) {

        /**
         * The share of these incidents that had the cause, with half an incident added for each of the
         * {@code causes} of the catalog: a cause never seen with these statuses is rare, not impossible.
         */
        public double share(String cause, int causes) {
            return (byCause.getOrDefault(cause, 0) + 0.5) / (total + 0.5 * causes);
        }
    }

    /** Adds each seen status's row of a table to the counts once, noting the statuses used. */
    private static void addRows(Map<String, Map<String, Integer>> table, List<Integer> statuses, Map<String, Integer> counts,
                                List<String> used) {
        for (Integer s : statuses) {
            Map<String, Integer> row = table.get(String.valueOf(s));
            if (row == null || used.contains(String.valueOf(s))) continue;
            used.add(String.valueOf(s));
            row.forEach((cause, n) -> counts.merge(cause, n, Integer::sum));
        }
    }
}
