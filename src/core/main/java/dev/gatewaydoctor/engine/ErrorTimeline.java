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
        return errors + " failure" + (errors == 1 ? "" : "s") + " from " + onset + " over " + span(durationMinutes)
                + ", " + bursts + " burst" + (bursts == 1 ? "" : "s") + ": " + pattern
                + (periodMinutes > 0 ? ", every " + span(periodMinutes) + (recurringHour >= 0 ? " around " + recurringHour + ":00" : "") : "")
                + (quietMinutesAtEnd > 0 ? "; none in the last " + span(quietMinutesAtEnd) + " of the record" : "")
                + (earlierFailures > 0 ? "; " + earlierFailures + " earlier, more than two days before it" : "");
    }

    /** "45 min", "3 h 20 min", "2 days 4 h", for explanations. */
    public static String span(long minutes) {
        if (minutes < 60) return minutes + " min";
        if (minutes < 1440) return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        long days = minutes / 1440;
        long hours = minutes % 1440 / 60;
        return days + (days == 1 ? " day" : " days") + (hours == 0 ? "" : " " + hours + " h");
    }
}
