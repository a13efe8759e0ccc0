package dev.gatewaydoctor.engine;

import dev.gatewaydoctor.facts.Event;

import java.time.Duration;
import java.time.Instant;

/**
 * An event placed against the {@link Onset}: how many minutes before the first error it happened
 * (negative when it came after). The engine inserts one for every event with a time, when an onset is
 * known, so that rules can say "a plugin update in the hour before the first 502" without arithmetic.
 */
public record EventTiming(String kind, String subject, Instant at, long minutesBeforeOnset) {

    static EventTiming of(Event event, Onset onset) {
        return new EventTiming(event.kind(), event.subject(), event.at(), Duration.between(event.at(), onset.at()).toMinutes());
    }

    public String describe() {
        return "event " + kind + (subject == null ? "" : " " + subject) + " "
                + (minutesBeforeOnset >= 0 ? minutesBeforeOnset + " min before" : -minutesBeforeOnset + " min after") + " the first error";
    }
}
