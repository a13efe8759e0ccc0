package dev.gatewaydoctor;

import java.util.List;

/**
 * One piece of evidence that moved a cause: the rule that saw it, the weight it gave (log10 likelihood
 * ratio, see docs/confidence.md), what it names, and the facts it saw.
 *
 * @param group   the evidence group the rule declares ({@code @group("full-pool")}), or null: rules of one
 *                group see one underlying fact, and only the strongest of them counts for the cause
 * @param counted false when a stronger rule of the same group already counted for the cause
 */
public record EvidenceItem(String rule, String file, double weight, String culprit, List<String> facts, String group, boolean counted) {

    /**
     * Evidence outside any group, counted.
     *
     * @param rule    the rule that saw it
     * @param file    the rule's file
     * @param weight  log10 likelihood ratio
     * @param culprit what it names, or null
     * @param facts   the facts it saw, described
     */
    public EvidenceItem(String rule, String file, double weight, String culprit, List<String> facts) {
        this(rule, file, weight, culprit, facts, null, true);
    }
}
