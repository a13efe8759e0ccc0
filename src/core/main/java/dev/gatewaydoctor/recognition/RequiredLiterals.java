package dev.gatewaydoctor.recognition;

import java.util.ArrayList;
import java.util.List;

/**
 * The literal runs every match of a pattern must contain: the plain text between its top-level groups,
 * classes and quantified atoms. A line that lacks one of them cannot match, and is not handed to RE2/J,
 * whose matching walks every character of the line with every state of the pattern. Why it matters: a
 * family's words let through every line that names the same file or message as a signal (an error log's
 * "limiting requests" lines on wp-login.php pass the gate of the access log's login floods), and on a
 * busy WordPress log that is a fifth of all lines.
 *
 * <p>Conservative on purpose: a pattern with flags, or with an alternation outside any group, requires
 * nothing; a group counts only when nothing repeats or skips it and no alternation stands at its top
 * (then what its body requires is required); of a group of alternatives, the text they all begin with is
 * required, and, when all are plain text, the text they all end with; a literal followed by a quantifier ends its
 * run without being counted.
 */
final class RequiredLiterals {

    private RequiredLiterals() {
    }

    /** The literal runs of two characters or more that any match of this RE2 pattern contains. */
    /** The literals of a compiled pattern; none for a pattern with flags (a case-insensitive one matches other text). */
    static List<String> of(com.google.re2j.Pattern pattern) {
        return pattern.flags() == 0 ? of(pattern.pattern()) : List.of();
    }

    /** Whether the text holds every literal. */
    static boolean allIn(List<String> literals, String text) {
        for (String literal : literals) if (!text.contains(literal)) return false;
        return true;
    }

    static List<String> of(String regex) {
        var runs = new ArrayList<String>();
        var run = new StringBuilder();
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) return List.of();
                char d = regex.charAt(i + 1);
                i += 2;
                if (!Character.isLetterOrDigit(d) && d != '_') {
                    run.append(d); // an escaped punctuation mark stands for itself
                    i = quantified(regex, i, run, runs);
                } else {
                    // A class (\d, \s, \pL, \x{..}), an assertion (\b, \A) or a back-reference-like escape: no literal.
                    if ((d == 'p' || d == 'P' || d == 'x') && i < n && regex.charAt(i) == '{') i = regex.indexOf('}', i) + 1;
                    if (i <= 0) return List.of();
                    end(run, runs);
                    i = skipQuantifier(regex, i);
                }
                continue;
            }
            if (c == '[') {
                int close = classEnd(regex, i);
                if (close < 0) return List.of();
                end(run, runs);
                i = skipQuantifier(regex, close + 1);
                continue;
            }
            if (c == '(') {
                // Flags, (?i) and the like: give up rather than reason about them.
                if (i + 2 < n && regex.charAt(i + 1) == '?' && Character.isLetter(regex.charAt(i + 2)) && regex.charAt(i + 2) != 'P') {
                    return List.of();
                }
                int close = groupEnd(regex, i);
                if (close < 0) return List.of();
                int after = skipQuantifier(regex, close + 1);
                List<String> alternatives = after == close + 1 ? alternatives(regex.substring(bodyStart(regex, i), close)) : null;
                if (alternatives != null) {
                    List<String> words = alternatives.stream().allMatch(RequiredLiterals::plain) ? alternatives : null;
                    // "(?:61|10061): " requires "61: ": what all the alternatives begin with continues the run before
                    // the group; what they all end with, when all are plain text, begins the run after it.
                    String prefix = commonPrefix(alternatives.stream().map(RequiredLiterals::leadingText).toList());
                    run.append(prefix);
                    if (words == null || words.stream().anyMatch(w -> w.length() > prefix.length())) {
                        end(run, runs);
                        if (words != null) run.append(commonSuffix(words, prefix.length()));
                    }
                    i = after;
                    continue;
                }
                end(run, runs);
                // A group every match passes through once (no quantifier) requires what its body requires;
                // a body with alternatives at its top requires nothing (of says so).
                if (after == close + 1) runs.addAll(of(regex.substring(bodyStart(regex, i), close)));
                i = after;
                continue;
            }
            if (c == ')') return List.of();
            if (c == '|') return List.of(); // either side may match: nothing is required
            if (c == '.' || c == '^' || c == '$') {
                end(run, runs);
                i = c == '.' ? skipQuantifier(regex, i + 1) : i + 1;
                continue;
            }
            if (c == '*' || c == '+' || c == '?' || c == '{') return List.of(); // a quantifier with no atom: not ours to judge
            run.append(c);
            i = quantified(regex, i + 1, run, runs);
        }
        end(run, runs);
        return List.copyOf(runs);
    }

    /**
     * How many characters every match holds before its first required literal, when the pattern starts with
     * characters, classes and escapes of one character each, no group or quantifier, up to that literal
     * ("[Ww]aiting for " holds one); else -1. No match starts earlier than that many characters before the
     * literal's first place in a text, so a search may start there.
     */
    static int leadWidth(String regex, List<String> required) {
        if (required.isEmpty()) return -1;
        var run = new StringBuilder();
        int runStart = 0;
        int width = 0;
        int i = 0;
        while (i <= regex.length()) {
            char c = i < regex.length() ? regex.charAt(i) : 0;
            boolean literal;
            int atomWidth = 1;
            int next = i + 1;
            if (i == regex.length()) {
                literal = false;
            } else if (c == '\\') {
                if (i + 1 >= regex.length()) return -1;
                char d = regex.charAt(i + 1);
                next = i + 2;
                literal = !Character.isLetterOrDigit(d) && d != '_';
                if (!literal && "dDwWsS".indexOf(d) < 0) {
                    if ("bBA".indexOf(d) < 0) return -1;
                    atomWidth = 0;
                }
                if (literal) c = d;
            } else if (c == '[') {
                next = classEnd(regex, i) + 1;
                if (next <= 0) return -1;
                literal = false;
            } else if (c == '.') {
                literal = false;
            } else if (c == '^') {
                literal = false;
                atomWidth = 0;
            } else if ("()|$*+?{".indexOf(c) >= 0) {
                return finished(run, required) ? runStart : -1;
            } else {
                literal = true;
            }
            if (next < regex.length() && "*+?{".indexOf(regex.charAt(next)) >= 0) return finished(run, required) ? runStart : -1;
            if (literal) {
                if (run.length() == 0) runStart = width;
                run.append(c);
            } else {
                if (finished(run, required)) return runStart;
                if (run.length() >= 2) return -1; // a run that is not the first literal: of() and this disagree
                run.setLength(0);
            }
            width += atomWidth;
            i = next;
            if (i > regex.length()) break;
        }
        return -1;
    }

    private static boolean finished(StringBuilder run, List<String> required) {
        return run.length() >= 2 && run.toString().equals(required.get(0));
    }

    /** The alternatives of a group's body, split at its top-level bars; null when it has none. */
    private static List<String> alternatives(String body) {
        var out = new ArrayList<String>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') i++;
            else if (c == '[') {
                i = classEnd(body, i);
                if (i < 0) return null;
            } else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == '|' && depth == 0) {
                out.add(body.substring(from, i));
                from = i + 1;
            }
        }
        if (out.isEmpty()) return null;
        out.add(body.substring(from));
        return out;
    }

    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) if (META.indexOf(text.charAt(i)) >= 0) return false;
        return true;
    }

    private static final String META = "\\[](){}.*+?^$|";

    /** The plain text an alternative starts with: up to its first metacharacter, less a last character a quantifier follows. */
    private static String leadingText(String alternative) {
        int end = 0;
        while (end < alternative.length() && META.indexOf(alternative.charAt(end)) < 0) end++;
        if (end < alternative.length() && end > 0 && "*+?{".indexOf(alternative.charAt(end)) >= 0) end--;
        return alternative.substring(0, end);
    }

    private static String commonPrefix(List<String> words) {
        String p = words.get(0);
        for (String w : words) while (!w.startsWith(p)) p = p.substring(0, p.length() - 1);
        return p;
    }

    /** What all the words end with, past the first {@code skip} characters of each (their common prefix). */
    private static String commonSuffix(List<String> words, int skip) {
        String s = words.get(0).substring(skip);
        for (String w : words) while (!w.substring(skip).endsWith(s)) s = s.substring(1);
        return s;
    }

    /** The index of the ')' that closes the group opened at {@code open}, or -1. */
    private static int groupEnd(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') i++;
            else if (c == '[') {
                i = classEnd(regex, i);
                if (i < 0) return -1;
            } else if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return -1;
    }

    /** Where the body of the group opened at {@code open} starts: after "(", "(?:", "(?<name>" or "(?P<name>". */
    private static int bodyStart(String regex, int open) {
        if (!regex.startsWith("(?", open)) return open + 1;
        if (regex.startsWith("(?:", open)) return open + 3;
        int name = regex.startsWith("(?P<", open) ? open + 4 : regex.startsWith("(?<", open) ? open + 3 : -1;
        int close = name < 0 ? -1 : regex.indexOf('>', name);
        return close < 0 ? open + 1 : close + 1;
    }

    /** After a literal: when a quantifier follows, the literal is not required; the run ends before it. */
    private static int quantified(String regex, int i, StringBuilder run, List<String> runs) {
        int after = skipQuantifier(regex, i);
        if (after != i) {
            run.setLength(run.length() - 1);
            end(run, runs);
        }
        return after;
    }

    private static int skipQuantifier(String regex, int i) {
        if (i >= regex.length()) return i;
        char q = regex.charAt(i);
        int after;
        if (q == '*' || q == '+' || q == '?') {
            after = i + 1;
        } else if (q == '{' && regex.indexOf('}', i) > i && regex.substring(i + 1, regex.indexOf('}', i)).matches("\\d*(,\\d*)?")) {
            after = regex.indexOf('}', i) + 1;
        } else {
            return i;
        }
        if (after < regex.length() && regex.charAt(after) == '?') after++; // lazy
        return after;
    }

    /** The index of the ']' that closes the class opened at {@code open}, or -1. */
    private static int classEnd(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') i++;
        if (i < regex.length() && regex.charAt(i) == ']') i++; // a ']' first is a member
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') i += 2;
            else if (c == '[' && i + 1 < regex.length() && regex.charAt(i + 1) == ':') i = regex.indexOf(":]", i + 2) < 0 ? -2 : regex.indexOf(":]", i + 2) + 2;
            else if (c == ']') return i;
            else i++;
            if (i < 0) return -1;
        }
        return -1;
    }

    private static void end(StringBuilder run, List<String> runs) {
        if (run.length() >= 2) runs.add(run.toString());
        run.setLength(0);
    }
}
