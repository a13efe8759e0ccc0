package dev.gatewaydoctor.engine;

/**
 * What a fix rule concludes: "this fix is worth this much (0..1) because of this cause". A fix's
 * score combines its contributions as independent chances that it solves the problem.
 */
public record FixContribution(String fix, String cause, double value) {

    public FixContribution {
        if (!(value >= 0 && value <= 1)) throw new IllegalArgumentException("a fix contribution must be within 0..1, was " + value);
    }
}
