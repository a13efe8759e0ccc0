package dev.gatewaydoctor.engine;

/**
 * What a cause rule concludes: "what I see speaks for (or against) this cause, this much".
 * A rule writes {@code insert(new Evidence("php-fpm-pool-exhausted", 2.0));} or, when the evidence
 * names who is at fault, {@code insert(new Evidence("plugin-or-theme-fatal-error", 2.0, $slug));}.
 *
 * @param cause   the cause id
 * @param weight  log10 of the likelihood ratio, from -4 to +4: +1 means "ten times likelier to be seen
 *                when this is the cause than when it is not", -1 the reverse (docs/confidence.md)
 * @param culprit what the evidence names (a plugin slug, a socket path, a memory limit), or null
 */
public record Evidence(String cause, double weight, String culprit) {

    public static final double MAX_WEIGHT = 4.0;

    public Evidence {
        if (cause == null || cause.isBlank()) throw new IllegalArgumentException("evidence needs a cause id");
        if (!(weight >= -MAX_WEIGHT && weight <= MAX_WEIGHT)) {
            throw new IllegalArgumentException("evidence weight " + weight + " for " + cause + " is outside -4..+4 (see docs/confidence.md)");
        }
        if (culprit != null && culprit.isBlank()) culprit = null;
    }

    public Evidence(String cause, double weight) {
        this(cause, weight, null);
    }
}
