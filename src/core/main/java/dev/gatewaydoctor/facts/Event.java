package dev.gatewaydoctor.facts;

import java.time.Instant;

/** Something that happened: a plugin update, a PHP upgrade, an earlier outage... */
public record Event(String kind, String subject, Instant at) implements Fact {

    @Override
    public String describe() {
        return "event " + kind + (subject == null ? "" : " " + subject) + (at == null ? "" : " at " + at);
    }
}
