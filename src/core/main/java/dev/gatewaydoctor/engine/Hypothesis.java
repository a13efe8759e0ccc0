package dev.gatewaydoctor.engine;

/**
 * A cause with the confidence its evidence gives it, inserted after the cause rules have fired, for
 * the fix rules to rank fixes by.
 */
public record Hypothesis(String cause, double confidence, String culprit) {
}
