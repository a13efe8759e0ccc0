package dev.gatewaydoctor.engine;

import java.time.Instant;

/**
 * The shape of the incident in time, from its failures with a time ({@link ErrorSeen}). Failures
 * less than {@link Timeline#BURST_GAP} apart, with no good response between them, form one burst.
 *
 * @param onset             the first failure
 * @param lastError         the last failure
 * @param durationMinutes   from the first failure to the last
 * @param errors            how many failures (log lines count with their repeats)
 * @param bursts            how many separate bursts of failures
 * @param pattern           {@code single} (one burst of at most 5 minutes), {@code steady} (one longer burst),
 *                          {@code periodic} (three or more episodes at a regular interval: bursts less than two
 *                          hours apart are one episode, so a bad hour every evening is one episode a day),
 *                          {@code intermittent} (bursts at irregular times)
 * @param brief             the failures span at most 5 minutes
 * @param periodMinutes     for periodic failures, the usual interval between bursts; else 0
 * @param recurringHour     for periodic failures, the hour of day (0-23, in the site's time zone) when most
 *                          bursts begin; else -1
 * @param earlierFailures   failures before this incident: more than two days (52 h) without any failure end an incident,
 *                          so a stray error last week in a log read whole is counted here, not in the incident
 * @param quietMinutesAtEnd from the last failure to the end of the record: how long the errors have stopped
 */
public record ErrorTimeline(Instant onset, Instant lastError, long durationMinutes, int errors, int bursts, String pattern,
                            boolean brief, long periodMinutes, int recurringHour, int earlierFailures, long quietMinutesAtEnd) {

    public String describe() {
        return errors + " failure" + (errors == 1 ? "" : "s") + " from " + onset + " over " + Timeline.span(durationMinutes)
                + ", " + bursts + " burst" + (bursts == 1 ? "" : "s") + ": " + pattern
                + (periodMinutes > 0 ? ", every " + Timeline.span(periodMinutes) + (recurringHour >= 0 ? " around " + recurringHour + ":00" : "") : "")
                + (quietMinutesAtEnd > 0 ? "; none in the last " + Timeline.span(quietMinutesAtEnd) + " of the record" : "")
                + (earlierFailures > 0 ? "; " + earlierFailures + " earlier, more than two days before it" : "");
    }

    /** "45 min", "3 h 20 min", "2 days 4 h". */
    public static String span(long minutes) {
        return Timeline.span(minutes);
    }
}
