package dev.gatewaydoctor.fleet;

/**
 * What one bucket of a site's time saw, counted on every line: how many lines, how many carried signals, how many
 * requests an access log recorded, and its gateway failures. Kept apart from the lines' {@link Kinds}, so that the
 * bulk of the traffic (an access log's 200s) rewrites a few numbers, not the bucket's example lines.
 *
 * @param requests  lines of an access log (each is a request)
 * @param gateway   requests an access log records as answered 502, 503 or 504
 * @param upstream  error-log lines of a failed upstream (connect failed, timed out, closed early...): each is a gateway
 *                  error answered, seen from the proxy's side
 */
public record Counts(long lines, long signalLines, long requests, long gateway, long upstream) {

    public static final Counts NONE = new Counts(0, 0, 0, 0, 0);

    /** The error-log families that a proxy writes when it answers a gateway error for its upstream. */
    static final java.util.Set<String> UPSTREAM_FAILURES = java.util.Set.of("upstream-connect-failed", "upstream-timed-out",
            "upstream-closed-early", "no-live-upstreams", "upstream-protocol-error", "upstream-header-too-big", "upstream-unresolvable");

    /**
     * The gateway failures the bucket saw. A site that ships both logs records each failed request twice (the access
     * line and the proxy's error line), one that ships one log records it once: the larger of the two counts is the
     * number of failed requests either way.
     */
    public long failures() {
        return Math.max(gateway, upstream);
    }

    Counts plus(Counts o) {
        return new Counts(lines + o.lines, signalLines + o.signalLines, requests + o.requests, gateway + o.gateway, upstream + o.upstream);
    }

    /** One line's part. */
    static Counts of(Input.Line line) {
        boolean request = line.read().requestAt() != null;
        boolean gateway = false;
        boolean upstream = false;
        for (var s : line.read().signals()) {
            if (s.family().equals("access-gateway-error") && request) gateway = true;
            if (UPSTREAM_FAILURES.contains(s.family())) upstream = true;
        }
        return new Counts(1, line.read().noise() ? 0 : 1, request ? 1 : 0, gateway ? 1 : 0, upstream ? 1 : 0);
    }
}
