package dev.gatewaydoctor.recognition;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pattern of {@code rules/families/}, as recognition runs it on a line.
 *
 * <p>RE2/J says what a pattern means, and refuses what could make matching slow (lookaround,
 * backreferences). But RE2/J has only an NFA that walks every character with every state, and reads the
 * groups in a second pass: on the families' patterns java.util.regex is about 2.5 times faster. So a
 * pattern whose syntax means the same in both engines runs first on java.util.regex, with a budget of
 * character reads linear in the line ({@link #BUDGET_PER_CHAR} per character); a line that spends it (a
 * pattern that backtracks on it) is matched again by RE2/J. The answer is RE2/J's either way, and the work
 * stays linear in the line whoever wrote the pattern. Texts where the engines' character classes differ
 * (a vertical tab, a line break, a lone or paired surrogate) go to RE2/J directly.
 */
public final class LinePattern {

    /** Character reads allowed per character of the text, beyond {@link #BUDGET_BASE}. */
    static final int BUDGET_PER_CHAR = 32;
    static final int BUDGET_BASE = 256;

    private final com.google.re2j.Pattern re2;
    /** Null when the pattern runs on RE2/J only. */
    private final java.util.regex.Pattern fast;
    /** Word boundaries: the engines read them alike on ASCII text only. */
    private final boolean fastOnAsciiOnly;
    private final List<String> required;
    /** Characters before the first required literal in every match, or -1 when that varies (RequiredLiterals.leadWidth). */
    private final int leadWidth;
    /** Each named group's place in a match's values. */
    private final Map<String, Integer> groupIndex;

    private LinePattern(com.google.re2j.Pattern re2, java.util.regex.Pattern fast, boolean fastOnAsciiOnly, List<String> required) {
        this.re2 = re2;
        this.fast = fast;
        this.fastOnAsciiOnly = fastOnAsciiOnly;
        this.required = required;
        this.leadWidth = RequiredLiterals.leadWidth(re2.pattern(), required);
        var index = new java.util.LinkedHashMap<String, Integer>();
        for (String g : re2.namedGroups().keySet()) index.put(g, index.size());
        this.groupIndex = java.util.Collections.unmodifiableMap(index);
    }

    /** Compiles an RE2 pattern; throws RE2/J's exception, with its description, when it does not compile. */
    public static LinePattern compile(String regex) {
        com.google.re2j.Pattern re2 = com.google.re2j.Pattern.compile(regex);
        Reading reading = reading(regex);
        return new LinePattern(re2, reading == Reading.DIFFERENT ? null : javaPattern(regex), reading == Reading.SAME_ON_ASCII,
                RequiredLiterals.of(re2));
    }

    /** Whether a text (an ASCII one, for a pattern with word boundaries) goes to java.util.regex first. */
    boolean runsOnJavaRegex() {
        return fast != null;
    }

    /** The pattern as written. */
    public String regex() {
        return re2.pattern();
    }

    /** The names of its named groups. */
    public Set<String> groups() {
        return re2.namedGroups().keySet();
    }

    /** The literal text every match contains ({@link RequiredLiterals}). */
    public List<String> required() {
        return required;
    }

    /** False when the text lacks a literal every match contains: it cannot match. */
    public boolean mayMatch(String text) {
        return RequiredLiterals.allIn(required, text);
    }

    /** The leftmost match in the text, with its named groups, or null. */
    public Match find(String text) {
        return find(text, Chars.of(text));
    }

    /** As {@link #find(String)}, for a text whose characters were already looked at (several patterns read it). */
    Match find(String text, Chars chars) {
        if (fast != null && (chars == Chars.ASCII || (chars == Chars.PLAIN && !fastOnAsciiOnly))) {
            try {
                return findOnJava(new Budgeted(text, BUDGET_BASE + BUDGET_PER_CHAR * text.length()), searchFrom(text));
            } catch (Budgeted.Spent backtracking) {
                // Fall through to RE2/J, which needs no budget.
            } catch (StackOverflowError deep) {
                // Not expected (repeated groups run on RE2/J only), but RE2/J's answer
                // is the answer: a line must never fail a diagnosis.
            }
        }
        return findOnRe2(text);
    }

    private Match findOnJava(CharSequence text, int from) {
        java.util.regex.Matcher m = fast.matcher(text);
        // Started later, the search still sees the text before it, for \b and lookbehind, and ^ still means its start.
        if (from > 0) m.region(from, text.length()).useTransparentBounds(true).useAnchoringBounds(false);
        return m.find() ? match(m.start(), m.end(), m::group) : null;
    }

    /**
     * Where a match can first start: java.util.regex tries every place of the text when a pattern starts with a class
     * ("[Ww]aiting for"), and no match starts before its first required literal's first place, less the characters
     * every match has before it.
     */
    int searchFrom(String text) {
        if (leadWidth < 0) return 0;
        int at = text.indexOf(required.get(0));
        return at < 0 ? 0 : Math.max(0, at - leadWidth);
    }

    /** RE2/J's answer, for the fallback and for checking that the engines agree. */
    Match findOnRe2(String text) {
        com.google.re2j.Matcher m = re2.matcher(text);
        return m.find() ? match(m.start(), m.end(), m::group) : null;
    }

    private Match match(int start, int end, java.util.function.UnaryOperator<String> group) {
        var values = new String[groupIndex.size()];
        for (var g : groupIndex.entrySet()) values[g.getValue()] = group.apply(g.getKey());
        return new Match(this, start, end, values);
    }

    /** Whether both engines give this text the same match and groups (true where only RE2/J reads it). */
    boolean agreesOn(String text) {
        Chars chars = Chars.of(text);
        if (fast == null || chars == Chars.OTHER || (chars == Chars.PLAIN && fastOnAsciiOnly)) return true;
        Match ours = findOnJava(text, searchFrom(text));
        Match theirs = findOnRe2(text);
        return ours == null ? theirs == null : theirs != null && ours.start == theirs.start && ours.end == theirs.end
                && java.util.Arrays.equals(ours.values, theirs.values);
    }

    @Override
    public String toString() {
        return regex();
    }

    /** A match: where it is, and what each named group took (null for a group that took no part). */
    public static final class Match {
        private final LinePattern pattern;
        private final int start;
        private final int end;
        private final String[] values;

        private Match(LinePattern pattern, int start, int end, String[] values) {
            this.pattern = pattern;
            this.start = start;
            this.end = end;
            this.values = values;
        }

        public int start() {
            return start;
        }

        public int end() {
            return end;
        }

        /** What the named group took, or null. */
        public String group(String name) {
            Integer i = pattern.groupIndex.get(name);
            return i == null ? null : values[i];
        }
    }

    /**
     * What a text holds that the engines read differently. OTHER: a line break (java's {@code $} stops
     * before a final one), a vertical tab (RE2's {@code \s} has none) or a surrogate (ill-formed UTF-16 is
     * decoded differently): RE2/J reads it. PLAIN: none of these, but characters beyond ASCII, where java
     * 17's word boundaries know Unicode letters and RE2's only ASCII ones. ASCII: nothing the engines differ on.
     */
    enum Chars {
        ASCII, PLAIN, OTHER;

        static Chars of(String text) {
            Chars chars = ASCII;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\u000B' || Character.isSurrogate(c)) return OTHER;
                if (c > 0x7F) chars = PLAIN;
            }
            return chars;
        }
    }

    /** How the engines read a pattern: alike, alike on ASCII text only, or differently. */
    enum Reading { SAME, SAME_ON_ASCII, DIFFERENT }

    /**
     * How the engines read this pattern. Alike on ASCII text only: word boundaries (java 17's know Unicode
     * letters, RE2's ASCII ones). Differently: syntax both accept but read otherwise, {@code \v \h \R \X
     * \Z \G}, Unicode classes by name, (?U) (ungreedy in RE2, Unicode classes in java), a '[' or "&&" inside
     * a class (nesting and intersection in java, plain characters in RE2), octal escapes, and a repeated
     * group ({@link #repeatsGroup}). Whatever else java refuses to compile runs on RE2/J too.
     */
    static Reading reading(String regex) {
        boolean inClass = false;
        boolean boundaries = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= regex.length()) return Reading.DIFFERENT;
                char d = regex.charAt(++i);
                if ("vVhHRXZGpP0".indexOf(d) >= 0) return Reading.DIFFERENT;
                if (d == 'b' || d == 'B') boundaries = true;
                continue;
            }
            if (inClass) {
                if (c == '[' || (c == '&' && i + 1 < regex.length() && regex.charAt(i + 1) == '&')) return Reading.DIFFERENT;
                if (c == ']') inClass = false;
            } else if (c == '[') {
                inClass = true;
                // A ']' first in the class (after an optional '^') is a character of it.
                if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') i++;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') i++;
            } else if (c == ')' && repeatsGroup(regex, i + 1)) {
                return Reading.DIFFERENT;
            } else if (c == '(' && regex.startsWith("(?", i)) {
                // Flags: (?i), (?s-m:...); not a named group's (?<name>.
                for (int j = i + 2; j < regex.length() && regex.charAt(j) != ':' && regex.charAt(j) != ')'; j++) {
                    char f = regex.charAt(j);
                    if (f == 'U') return Reading.DIFFERENT;
                    if (!Character.isLetter(f) && f != '-') break;
                }
            }
        }
        return boundaries ? Reading.SAME_ON_ASCII : Reading.SAME;
    }

    /**
     * Whether a quantifier that repeats a group starts here ({@code *}, {@code +}, {@code {n,m}}; an
     * optional group is fine). The engines disagree on what a repeated group captured when a repetition
     * can match nothing, and java matches each repetition one call deeper: a long line would overflow
     * its stack.
     */
    private static boolean repeatsGroup(String regex, int at) {
        if (at >= regex.length()) return false;
        char q = regex.charAt(at);
        return q == '*' || q == '+' || q == '{';
    }

    private static java.util.regex.Pattern javaPattern(String regex) {
        try {
            // UNIX_LINES: only '\n' ends a line, as in RE2; UNICODE_CASE: (?i) folds beyond ASCII, as in RE2.
            return java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.UNIX_LINES | java.util.regex.Pattern.UNICODE_CASE);
        } catch (java.util.regex.PatternSyntaxException notJava) {
            return null;
        }
    }

    /** The text, read at most a given number of times before matching on it is given up. */
    private static final class Budgeted implements CharSequence {
        /** Thrown without a stack trace: it is how a backtracking match is stopped, not an error. */
        static final class Spent extends RuntimeException {
            private static final Spent INSTANCE = new Spent();

            private Spent() {
                super("character budget spent", null, false, false);
            }
        }

        private final String text;
        private int left;

        Budgeted(String text, int budget) {
            this.text = text;
            this.left = budget;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) throw Spent.INSTANCE;
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
