package dev.gatewaydoctor.engine;

import org.kie.api.definition.type.Duration;
import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

import java.time.Instant;

/**
 * One failure with a time: a gateway error response, or a recognised log line (with how many lines
 * like it a whole log held, from {@code at} to {@code lastAt}). An interval event, so that temporal
 * operators see when it began and when it ended: {@code ErrorSeen(this after[0s, 30m] $change)}.
 *
 * @param family the log family ({@code upstream-connect-failed}, {@code php-fpm-max-children}...), or
 *               {@code gateway-error} for a response
 * @param source where it was seen: the log's source ({@code nginx-error}), or the response ({@code http 502})
 * @param at     the first time
 * @param lastAt the last time; equal to {@code at} for a single line or response
 * @param count  how many
 */
@Role(Role.Type.EVENT)
@Timestamp("epochMillis")
@Duration("durationMillis")
@Expires(Timeline.KEEP_EVENTS)
public record ErrorSeen(String family, String source, Instant at, Instant lastAt, int count) {

    public long epochMillis() {
        return at.toEpochMilli();
    }

    public long durationMillis() {
        return Math.max(0, lastAt.toEpochMilli() - at.toEpochMilli());
    }

    public String describe() {
        return family + " (" + source + ") at " + at + (count > 1 ? " (" + count + " times, the last at " + lastAt + ")" : "");
    }
}
