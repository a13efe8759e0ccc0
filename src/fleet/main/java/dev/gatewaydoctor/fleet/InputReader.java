package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.ingest.LogIngest;
import dev.gatewaydoctor.ingest.LogSources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * Reads the input topics' records. It never throws: a record that cannot be read becomes {@link Input.Malformed} with
 * the reason, which the topology sends to the dead-letter topic, so that one bad record never stops the application
 * (a throwing deserializer would, or would be skipped with nothing but a log line).
 *
 * <p>A log line is recognised here, once, as it is read: the time that places it in the windows (and drives stream
 * time, through {@link EventTimes}) is the line's own stamp, which only recognition reads.
 */
public final class InputReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A site id names a site in keys, stores and output: short, printable, no spaces. */
    private static final java.util.regex.Pattern SITE = java.util.regex.Pattern.compile("[\\w.:@/+-]{1,200}");

    private final Supplier<LogIngest> ingest;
    private final ZoneId zone;

    /**
     * @param ingest the line reader of the rules in use (it changes when the rules reload their message families)
     * @param zone   the zone of stamps that carry none, for records that do not name their own
     */
    public InputReader(Supplier<LogIngest> ingest, ZoneId zone) {
        this.ingest = ingest;
        this.zone = zone;
    }

    /** The log topic's value deserializer. */
    public Deserializer<Input> lines() {
        return new Deserializer<>() {
            @Override
            public Input deserialize(String topic, byte[] data) {
                return line(null, data);
            }

            @Override
            public Input deserialize(String topic, Headers headers, byte[] data) {
                return line(headers, data);
            }
        };
    }

    /** The events topic's value deserializer. */
    public Deserializer<Input> events() {
        return (topic, data) -> event(data);
    }

    /**
     * A log record: JSON {site, source, line, at?, timezone?}, or a raw line with headers site and source (and
     * timezone). The timezone, when given, is the zone the line's stamps are read in if they carry none;
     * else the fleet's.
     */
    Input line(Headers headers, byte[] data) {
        if (data == null) return new Input.Malformed("no value (a tombstone): a log record is a line", null, null);
        String text;
        try {
            text = utf8(data);
        } catch (CharacterCodingException e) {
            return new Input.Malformed("not UTF-8 text", header(headers, "site"), data);
        }
        String site;
        String source;
        String line;
        String timezone;
        Instant at = null;
        String headerSource = header(headers, "source");
        if (headerSource != null) {
            site = header(headers, "site");
            source = headerSource;
            timezone = header(headers, "timezone");
            line = text.endsWith("\n") ? text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1)) : text;
            if (site == null) return new Input.Malformed("a raw line needs the header site (and source)", null, data);
        } else {
            JsonNode o;
            try {
                o = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return new Input.Malformed("not JSON, and no headers site and source for a raw line: "
                        + e.getOriginalMessage(), null, data);
            }
            if (o == null || !o.isObject()) {
                return new Input.Malformed("expected a JSON object {site, source, line, at?}", null, data);
            }
            site = field(o, "site");
            source = field(o, "source");
            line = field(o, "line");
            timezone = field(o, "timezone");
            if (site == null) return new Input.Malformed("site: missing, or not text", null, data);
            if (source == null) return new Input.Malformed("source: missing, or not text", site, data);
            if (line == null) return new Input.Malformed("line: missing, or not text", site, data);
            JsonNode atNode = o.get("at");
            if (atNode != null && !atNode.isNull()) {
                try {
                    at = instant(atNode);
                } catch (IllegalArgumentException e) {
                    return new Input.Malformed("at: " + e.getMessage(), site, data);
                }
            }
        }
        if (!SITE.matcher(site).matches()) return new Input.Malformed("site: not a site id (letters, digits and ._:@/+-, 1 to 200): " + cut(site), null, data);
        if (!LogSources.ALL.contains(source)) {
            return new Input.Malformed("source: unknown source \"" + cut(source) + "\"; expected one of " + new java.util.TreeSet<>(LogSources.ALL), site, data);
        }
        // Each site's shipper may say the zone its server logs in: one fleet watches servers in many zones.
        ZoneId lineZone = zone;
        if (timezone != null) {
            try {
                lineZone = ZoneId.of(timezone);
            } catch (java.time.DateTimeException e) {
                return new Input.Malformed("timezone: not a time zone: " + cut(timezone) + " (e.g. Europe/Berlin, UTC, +02:00)", site, data);
            }
        }
        // A syslog stamp carries no year: a line read now was written up to now (as for a log read whole).
        LogIngest.Line read = ingest.get().readLine(source, line, lineZone, Instant.now());
        if (read.junk() != null) return new Input.Malformed("line: no log text (" + read.junk() + ")", site, data);
        return new Input.Line(site, source, line, at, read);
    }

    /** A change: JSON {site, kind, at, subject?}. */
    Input event(byte[] data) {
        if (data == null) return new Input.Malformed("no value (a tombstone): an event record is a change", null, null);
        JsonNode o;
        try {
            o = JSON.readTree(utf8(data));
        } catch (CharacterCodingException e) {
            return new Input.Malformed("not UTF-8 text", null, data);
        } catch (JsonProcessingException e) {
            return new Input.Malformed("not JSON: " + e.getOriginalMessage(), null, data);
        }
        if (o == null || !o.isObject()) return new Input.Malformed("expected a JSON object {site, kind, at, subject?}", null, data);
        String site = field(o, "site");
        String kind = field(o, "kind");
        if (site == null || !SITE.matcher(site).matches()) return new Input.Malformed("site: missing, or not a site id", null, data);
        if (kind == null) return new Input.Malformed("kind: missing, or not text", site, data);
        JsonNode atNode = o.get("at");
        if (atNode == null || atNode.isNull()) return new Input.Malformed("at: missing (when the change was made)", site, data);
        Instant at;
        try {
            at = instant(atNode);
        } catch (IllegalArgumentException e) {
            return new Input.Malformed("at: " + e.getMessage(), site, data);
        }
        JsonNode subject = o.get("subject");
        if (subject != null && !subject.isNull() && !subject.isTextual()) return new Input.Malformed("subject: not text", site, data);
        return new Input.Event(site, kind, subject == null || subject.isNull() ? null : subject.asText(), at);
    }

    private static String field(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    /** An ISO-8601 instant ("2024-03-01T12:04:17Z", an offset allowed) or epoch milliseconds. */
    private static Instant instant(JsonNode v) {
        if (v.isIntegralNumber()) return Instant.ofEpochMilli(v.asLong());
        if (!v.isTextual()) throw new IllegalArgumentException("expected an ISO-8601 time or epoch milliseconds");
        try {
            return java.time.OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not an ISO-8601 time with a zone: " + cut(v.asText()));
        }
    }

    private static String header(Headers headers, String name) {
        if (headers == null) return null;
        Header h = headers.lastHeader(name);
        if (h == null || h.value() == null) return null;
        String v = new String(h.value(), StandardCharsets.UTF_8).strip();
        return v.isEmpty() ? null : v;
    }

    private static String utf8(byte[] data) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
    }

    private static String cut(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
