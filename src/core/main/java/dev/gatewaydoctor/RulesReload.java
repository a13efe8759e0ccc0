package dev.gatewaydoctor;

import java.time.Instant;
import java.util.List;

/**
 * What a reload of a watched rules directory did ({@link Diagnoser#watching}): swapped in a new version,
 * or kept the last good one because the new one is broken.
 *
 * @param applied  true when the new rules now serve
 * @param version  the content hash of the rules that were compiled
 * @param problems when not applied, why (each with file, line and column); when applied, the rules' warnings
 * @param at       when the reload happened
 */
public record RulesReload(boolean applied, String version, List<RuleProblem> problems, Instant at) {

    /**
     * A reload, good or broken.
     *
     * @param applied  true when the new rules now serve
     * @param version  the content hash of the rules that were compiled
     * @param problems why it was refused, or the rules' warnings
     * @param at       when it happened
     */
    public RulesReload {
        problems = List.copyOf(problems);
    }
}
