package dev.gatewaydoctor.engine;

/**
 * Requests per second near the first failure (within 15 minutes of it, the highest sample) against
 * the baseline (the median of samples taken more than 30 minutes before it, else the stated
 * {@code requests.per.second.baseline}). Inserted only when both are known.
 */
public record TrafficAroundOnset(double nearOnset, double baseline, double ratio, String baselineFrom) {

    public String describe() {
        return String.format(java.util.Locale.ROOT, "%.0f requests/s around the first error against %.0f before it (%s): %.1fx",
                nearOnset, baseline, baselineFrom, ratio);
    }
}
