package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.ingest.LogIngest;

import java.time.Instant;

/** A record of an input topic as read: a log line (recognised as it was read), a change, or one that could not be read. */
public sealed interface Input {

    /** The time the record tells, which places it in the windows and in stream time; null: it tells none ({@link EventTimes}). */
    Instant eventTime();

    /**
     * A log line of a site, read once, where it entered.
     *
     * @param at   the time the record gave ({@code at}), or null
     * @param read what the line said: junk, noise, or signals of a kind
     */
    record Line(String site, String source, String text, Instant at, LogIngest.Line read) implements Input {
        /** The time given, else the line's own stamp, else an access log's request time. */
        @Override
        public Instant eventTime() {
            if (at != null) return at;
            if (read.at() != null) return read.at();
            return read.requestAt();
        }
    }

    /** A change on a site (docs/factset.md, event kinds): kept with its {@code at}, it does not move stream time ({@link EventTimes}). */
    record Event(String site, String kind, String subject, Instant at) implements Input {
        @Override
        public Instant eventTime() {
            return null;
        }
    }

    /**
     * A record that could not be read: it goes to the dead-letter topic with the reason.
     *
     * @param site  the site it named, if that much could be read, or null
     * @param value the record's value as it came
     */
    record Malformed(String reason, String site, byte[] value) implements Input {
        public Malformed {
            value = value == null ? new byte[0] : value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public Instant eventTime() {
            return null;
        }
    }
}
