package dev.gatewaydoctor.facts;

import java.time.Instant;

/**
 * One log line, verbatim, with the source the person said it came from. Log recognition turns
 * the lines it understands into {@link dev.gatewaydoctor.recognition.LogSignal}s; the others stay
 * in the session as they are.
 *
 * @param at when the line was written, if the person said so; overrides the line's own timestamp
 */
public record LogLine(String source, String line, Instant at) implements Fact {

    public LogLine {
        java.util.Objects.requireNonNull(line, "a log line needs its text (line)");
        if (source == null || source.isBlank()) source = "other";
    }

    @Override
    public String describe() {
        return source + ": " + (line.length() > 300 ? line.substring(0, 297) + "..." : line);
    }
}
