package dev.gatewaydoctor.engine;

import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

import java.time.Instant;

/**
 * Failures in one ten-minute slot from the onset on: the error rate over time. Only slots with
 * failures are inserted. Aggregated log lines spread their count evenly over the time they span.
 */
@Role(Role.Type.EVENT)
@Timestamp("epochMillis")
@Expires(Timeline.KEEP_EVENTS)
public record ErrorRate(Instant from, int minutes, int errors) {

    public long epochMillis() {
        return from.toEpochMilli();
    }

    public double perMinute() {
        return errors / (double) minutes;
    }

    public String describe() {
        return errors + " failures in the " + minutes + " minutes from " + from;
    }
}
