package dev.gatewaydoctor;


import java.util.List;

/**
 * Why a cause that evidence raised is not first: the evidence against it, and the strongest evidence
 * its rules look for and did not find.
 *
 * @param against evidence that counted against it
 * @param lacking its strongest rules that did not fire: what it would need and lacks
 */
public record WhyNot(String cause, String title, double confidence, List<EvidenceItem> against, List<String> lacking) {
}
