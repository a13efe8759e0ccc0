package dev.gatewaydoctor;

import java.time.Instant;

/**
 * When the trouble happened, as the facts tell it: shown beside the causes so that a reader can check
 * the timeline the rules reasoned over.
 *
 * @param onset           the first failure with a time
 * @param firstSeenIn     what showed it ("http 502", "upstream-connect-failed in nginx-error")
 * @param lastError       the last failure
 * @param durationMinutes from the first failure to the last
 * @param errors          how many failures (log lines with their repeats)
 * @param pattern         single, steady, intermittent or periodic (docs/authoring-rules.md, ErrorTimeline)
 * @param lastChange      the change nearest before the onset, in words, or null when none is known
 */
public record Incident(Instant onset, String firstSeenIn, Instant lastError, long durationMinutes, int errors, String pattern,
                       String lastChange) {
}
