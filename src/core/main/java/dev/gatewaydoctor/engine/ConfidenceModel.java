package dev.gatewaydoctor.engine;

/**
 * Evidence combines as in a naive-Bayes odds update, in log10 units: a cause starts at its prior
 * log-odds, each rule that fires adds its weight once, and the sum is turned back into a probability.
 * Independent evidence adds up, contrary evidence subtracts, and a hint (±0.5) alone cannot lift a
 * cause with a prior of -1 past 0.25. See docs/confidence.md.
 */
public final class ConfidenceModel {

    /** At or above this confidence a cause is "probable": the line replay checks for healthy samples. */
    public static final double PROBABLE = 0.5;

    private ConfidenceModel() {
    }

    public static double confidence(double priorLog10Odds, double sumOfWeights) {
        return confidence(priorLog10Odds, sumOfWeights, 1.0);
    }

    /**
     * As above, log-odds above even odds divided by the knowledge's temperature (calibration.yaml): the
     * same order of causes, with sureness fitted to how often real incidents bore it out. Below even odds
     * nothing changes: the corpus shows unsure answers are not over-sure, and fixes score from them.
     */
    public static double confidence(double priorLog10Odds, double sumOfWeights, double temperature) {
        double sum = priorLog10Odds + sumOfWeights;
        double logOdds = sum > 0 ? sum / temperature : sum;
        return 1.0 / (1.0 + Math.pow(10, -logOdds));
    }

    /** A fix's score: the chance that at least one of its contributions is what solves the problem. */
    public static double noisyOr(Iterable<Double> contributions) {
        double none = 1.0;
        for (double c : contributions) none *= 1.0 - Math.max(0, Math.min(1, c));
        return 1.0 - none;
    }
}
