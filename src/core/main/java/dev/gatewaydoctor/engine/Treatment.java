package dev.gatewaydoctor.engine;

/**
 * How well a fix treats a cause (0..1), from rules/fixes.yaml, as a fact for the fix rules.
 *
 * @param inVain true when the fix tried in vain says nothing against the cause (fixes.yaml's inVainFor)
 */
public record Treatment(String fix, String cause, double efficacy, boolean inVain) {
}
