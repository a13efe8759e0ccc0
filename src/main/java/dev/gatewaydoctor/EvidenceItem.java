package dev.gatewaydoctor;

import java.util.List;

/**
 * One piece of evidence that moved a cause: the rule that saw it, the weight it gave (log10 likelihood
 * ratio, see docs/confidence.md), what it names, and the facts it saw.
 */
public record EvidenceItem(String rule, String file, double weight, String culprit, List<String> facts) {
}
