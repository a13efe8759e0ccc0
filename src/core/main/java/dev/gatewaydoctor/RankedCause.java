package dev.gatewaydoctor;

import java.util.List;

/**
 * A probable root cause, best first.
 *
 * @param confidence 0..1, from the cause's prior and the weights of its evidence
 * @param culprit    what the strongest evidence names (plugin slug, socket path, memory limit...), or null
 * @param evidence   every rule that moved it, strongest first, for and against
 */
public record RankedCause(int rank, String id, String title, double confidence, String culprit, List<EvidenceItem> evidence) {
}
