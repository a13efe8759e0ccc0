package dev.gatewaydoctor.recognition;

import java.util.List;
import java.util.Map;

/**
 * One message family, as written in {@code rules/families/<id>.yaml}: the words a line must hold for
 * the family to be tried, the patterns that read it (the first that matches wins), what else to pick
 * up from the same line, how to classify it, and the fixture lines that show it working.
 *
 * @param id        the family id rules match on ({@code LogSignal(family == "...")})
 * @param file      where it is written, relative to the rules directory
 * @param program   who prints it, unless a pattern says otherwise
 * @param words     a line holding none of these is never matched (the byte prefilter searches for them)
 * @param unit      what a pattern is matched against: the whole line, or each PHP message in it
 * @param patterns  tried in order; the first that matches makes the signal
 * @param also      searched in the rest of the line once a pattern matched; each fills only fields still empty
 * @param classify  field values chosen by what the line says, the first of each field that matches
 * @param yieldsTo  families that, when they match the same line (or PHP message), take it instead of this one
 * @param fixtures  lines with what they must give
 */
public record Family(String id, String file, String program, List<String> words, Unit unit, List<Alternative> patterns,
                     List<Also> also, List<Classification> classify, List<String> yieldsTo, List<Fixture> fixtures) {

    /** What a family's patterns are matched against. */
    public enum Unit {
        /** The whole line. */
        LINE,
        /**
         * Each PHP message in the line: PHP's own log has one per line, but nginx's "FastCGI sent in
         * stderr" and PHP-FPM's "said into stderr" pack several, each after "PHP message: ".
         */
        PHP_MESSAGE
    }

    /** One way the message is written, with what it says beyond its groups. */
    public record Alternative(LinePattern pattern, String program, Map<String, String> set) {
        /** False when the text lacks a literal every match contains: it cannot match. */
        public boolean mayMatch(String text) {
            return pattern.mayMatch(text);
        }
    }

    /** A pattern that reads more fields from a line the family matched. */
    public record Also(LinePattern pattern) {
        /** False when the text lacks a literal every match contains: the pattern need not run. */
        public boolean mayMatch(String text) {
            return pattern.mayMatch(text);
        }
    }

    /** {@code field} is {@code value} when the line matches {@code when}. */
    public record Classification(String field, String value, LinePattern when) {
        /** False when the text lacks a literal every match contains: the pattern need not run. */
        public boolean mayMatch(String text) {
            return when.mayMatch(text);
        }
    }

    /**
     * A line with what it must give. {@code expect} null means the family must not recognise it (a near
     * miss); otherwise each field named must have the value given. {@code source} is the public thread
     * where a pasted line was found, or null for a line as the software prints it.
     */
    public record Fixture(int index, String line, Map<String, String> expect, String source) {
        public boolean pasted() {
            return source != null;
        }
    }
}
