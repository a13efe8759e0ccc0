package dev.gatewaydoctor.engine;

import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

import java.time.Instant;

/**
 * When the trouble began, as far as the facts tell: the first of the gateway errors and recognised
 * error lines of the current incident, where more than two days (52 h) without any failure end an incident (a
 * stray error last week in a log read whole does not move the onset back). The engine inserts it only
 * when some such fact has a time. An event, so that rules can write {@code EventTiming(this before[0s, 30m] $onset)}.
 *
 * @param at     the earliest time
 * @param seenIn the fact that shows it
 */
@Role(Role.Type.EVENT)
@Timestamp("epochMillis")
@Expires(Timeline.KEEP_EVENTS)
public record Onset(Instant at, String seenIn) {

    /** For Drools, which reads event times as milliseconds. */
    public long epochMillis() {
        return at.toEpochMilli();
    }
}
