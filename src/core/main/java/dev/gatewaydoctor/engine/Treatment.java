package dev.gatewaydoctor.engine;

/** How well a fix treats a cause (0..1), from rules/fixes.yaml, as a fact for the fix rules. */
public record Treatment(String fix, String cause, double efficacy) {
}
