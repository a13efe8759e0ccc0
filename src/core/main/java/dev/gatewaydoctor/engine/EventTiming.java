package dev.gatewaydoctor.engine;

import dev.gatewaydoctor.facts.Event;
import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

import java.time.Duration;
import java.time.Instant;

/**
 * An event placed against the {@link Onset}: how many minutes before the first error it happened
 * (negative when it came after), and, for changes, their order of distance: the change nearest
 * before the first error has {@code rankBeforeOnset == 1}. The engine inserts one for every event
 * with a time, when an onset is known, so that rules can say "the last change before the first 502"
 * without arithmetic.
 *
 * @param change          whether someone changed the site or server (an update, an edit, a deploy...);
 *                        false for what only happened to it (an earlier incident, a traffic spike, host maintenance)
 * @param rankBeforeOnset 1 for the change nearest before the onset, 2 for the one before it...; 0 for
 *                        a change after the onset and for what is no change
 */
@Role(Role.Type.EVENT)
@Timestamp("epochMillis")
@Expires(Timeline.KEEP_EVENTS)
public record EventTiming(String kind, String subject, Instant at, long minutesBeforeOnset, boolean change, int rankBeforeOnset) {

    public long epochMillis() {
        return at.toEpochMilli();
    }

    static EventTiming of(Event event, Onset onset, int rankBeforeOnset) {
        return new EventTiming(event.kind(), event.subject(), event.at(), Duration.between(event.at(), onset.at()).toMinutes(),
                Timeline.isChange(event.kind()), rankBeforeOnset);
    }

    public String describe() {
        String when = minutesBeforeOnset >= 0 ? ErrorTimeline.span(minutesBeforeOnset) + " before" : ErrorTimeline.span(-minutesBeforeOnset) + " after";
        return "event " + kind + (subject == null ? "" : " " + subject) + " " + when + " the first error"
                + (rankBeforeOnset == 1 ? " (the last change before it)" : rankBeforeOnset > 1 ? " (change " + rankBeforeOnset + " back)" : "");
    }
}
