package dev.gatewaydoctor;

import java.util.List;

/**
 * The answer for one fact set: ranked causes with their evidence, ranked fixes with their reasons.
 * Immutable.
 *
 * @param basis        EVIDENCE; STATUS_BASE_RATES when only the status speaks (causes ranked by how often real
 *                     incidents with it had each); SEED_CHECKLIST when nothing observed speaks for any cause
 * @param causes       causes that evidence moved, most probable first (also those only evidence against)
 * @param fixes        fixes, best first: those the evidence scored, then (when evidence spoke) every other fix of the
 *                     catalog with score 0, in the order the statuses' base rates suggest
 * @param warnings     what was accepted but not used, and what the engine could not read
 * @param rulesSource  where the rules came from (a directory, or "bundled")
 * @param rulesVersion content hash of the rules that produced this diagnosis
 * @param rulesFired   the names of the rules that fired, for coverage and for "why not" questions
 * @param incident     the failures' timeline, or null when no failure has a time
 */
public record Diagnosis(String name, Basis basis, List<RankedCause> causes, List<RankedFix> fixes, List<String> warnings,
                        String rulesSource, String rulesVersion, java.util.SortedSet<String> rulesFired, Incident incident) {

/**
 * A diagnosis, its lists copied.
 *
 * @param name         the fact set's name, or null
 * @param basis        what the ranking rests on
 * @param causes       ranked causes
 * @param fixes        ranked fixes
 * @param warnings     what was not used
 * @param rulesSource  where the rules came from
 * @param rulesVersion the rules' content hash
 * @param rulesFired   the rules that fired
 * @param incident     the failures' timeline, or null
 */
    public Diagnosis {
        causes = List.copyOf(causes);
        fixes = List.copyOf(fixes);
        warnings = List.copyOf(warnings);
        rulesFired = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(rulesFired));
    }

    /**
     * The most probable cause, or null when no evidence speaks for any cause (the seed checklist answer):
     * a cause that evidence only ruled down is never "first".
     *
     * @return the first cause, or null
     */
    public RankedCause topCause() {
        return causes.isEmpty() || basis == Basis.SEED_CHECKLIST ? null : causes.get(0);
    }

    /**
     * Whether the evidence settles it.
     *
     * @return true when evidence brought some cause to the "probable" threshold (0.5); a base-rate answer never is
     */
    public boolean conclusive() {
        return basis == Basis.EVIDENCE && !causes.isEmpty() && causes.get(0).confidence() >= dev.gatewaydoctor.engine.ConfidenceModel.PROBABLE;
    }
}
