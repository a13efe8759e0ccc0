package dev.gatewaydoctor.facts;

import java.time.Instant;

/**
 * One log line, verbatim, with the source the person said it came from. Log recognition turns
 * the lines it understands into signals of a message family (docs/log-families.md); the others stay
 * in the session as they are.
 *
 * @param at     when the line was written, if the person said so; overrides the line's own timestamp
 * @param count  how many lines of a log said the same (ingestion keeps one line of each kind): 1 for a single line
 * @param lastAt   when the last of them was written, when known
 * @param examples a few other lines of the same kind (at most {@link #EXAMPLES}: the second seen and the
 *                 last), which show what varies among them: clients, requests, times; empty for a single line
 */
public record LogLine(String source, String line, Instant at, int count, Instant lastAt, java.util.List<String> examples) implements Fact {

/** How many other lines of a kind are kept as examples. */
    public static final int EXAMPLES = 2;

/**
 * A log line; a blank source is "other", a count under 1 is 1.
 *
 * @param source   the log it came from
 * @param line     the line as it appeared
 * @param at       when it was written, or null
 * @param count    how many lines said the same
 * @param lastAt   when the last of them was written, or null
 * @param examples other lines of the kind, or null
 */
    public LogLine {
        java.util.Objects.requireNonNull(line, "a log line needs its text (line)");
        if (source == null || source.isBlank()) source = "other";
        if (count < 1) count = 1;
        examples = examples == null ? java.util.List.of() : java.util.List.copyOf(examples.subList(0, Math.min(EXAMPLES, examples.size())));
    }

/**
 * A log line of a kind, without examples.
 *
 * @param source the log it came from
 * @param line   the line as it appeared
 * @param at     when it was written, or null
 * @param count  how many lines said the same
 * @param lastAt when the last of them was written, or null
 */
    public LogLine(String source, String line, Instant at, int count, Instant lastAt) {
        this(source, line, at, count, lastAt, java.util.List.of());
    }

/**
 * One log line.
 *
 * @param source the log it came from
 * @param line   the line as it appeared
 * @param at     when it was written, or null
 */
    public LogLine(String source, String line, Instant at) {
        this(source, line, at, 1, null);
    }

    @Override
    public String describe() {
        String text = source + ": " + (line.length() > 300 ? line.substring(0, 297) + "..." : line);
        if (count == 1) return text;
        return text + " (and " + String.format(java.util.Locale.ROOT, "%,d", count - 1) + " more like it"
                + (lastAt == null ? "" : ", the last at " + lastAt)
                + (examples.isEmpty() ? "" : "; the last: " + cut(examples.get(examples.size() - 1), 200)) + ")";
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max - 3) + "..." : s;
    }
}
