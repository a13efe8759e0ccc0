package dev.gatewaydoctor.engine;

import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

import java.time.Instant;

/**
 * The latest time any fact shows: where the record ends. The session's pseudo clock stands here when
 * the rules fire, so {@code over window:time(10m)} means "in the last ten minutes of the record",
 * whenever and wherever the diagnosis runs.
 */
@Role(Role.Type.EVENT)
@Timestamp("epochMillis")
@Expires(Timeline.KEEP_EVENTS)
public record RecordEnd(Instant at) {

    public long epochMillis() {
        return at.toEpochMilli();
    }
}
