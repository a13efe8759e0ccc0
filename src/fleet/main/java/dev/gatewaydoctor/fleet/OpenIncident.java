package dev.gatewaydoctor.fleet;

/**
 * A site's open incident, in the incidents store until it closes.
 *
 * @param id             {@code site@onset}: the same for the same onset whatever instance or restart found it
 * @param openedAt       the tick (epoch ms) it opened at
 * @param lastDiagnosed  the tick of its last diagnosis
 * @param sequence       how many records it has emitted (the onset's diagnosis is 0)
 * @param baseline       the site's usual gateway failures per window at the onset: it has recovered when back to it
 */
public record OpenIncident(String id, long openedAt, long lastDiagnosed, int sequence, double baseline) {
}
