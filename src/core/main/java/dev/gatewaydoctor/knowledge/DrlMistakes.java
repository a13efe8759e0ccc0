package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mistakes experts make most in a rule file, found where they are: Drools's parser reports a
 * missing {@code end} at the next rule, a missing {@code ;} at the rule's first line, and an unclosed
 * quote wherever the next quote happens to be. When one is found here, Drools's echoes of it for the
 * same file are left out, so that one mistake gives one message.
 */
final class DrlMistakes {

    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]*)\"");
    private static final Pattern TEXT_COMPARED_WITH_NUMBER = Pattern.compile(
            "\\b(Observation|ConfigValue)\\s*\\(([^)]*?)\\bvalue\\s*(>=|<=|>|<)\\s*(-?\\d[\\d.]*)");

    private DrlMistakes() {
    }

    static List<RuleProblem> find(String file, String text) {
        var out = new ArrayList<RuleProblem>();
        String[] lines = text.split("\n", -1);
        String open = null;     // the rule whose end has not come yet
        int openLine = 0;
        boolean inThen = false;
        int lastStatement = 0;  // the last then-part line with something on it
        boolean inBlockComment = false;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = code(raw, inBlockComment);
            if (raw.contains("/*") && !raw.contains("*/")) inBlockComment = true;
            else if (raw.contains("*/")) inBlockComment = false;
            int quotes = unescapedQuotes(line);
            if (quotes % 2 == 1) {
                out.add(new RuleProblem(file, i + 1, line.lastIndexOf('"') + 1,
                        "a quote opened on this line is not closed on it: close the text with \" (a \\\" inside text is a quote)"));
            }
            Matcher rule = RULE.matcher(line);
            if (rule.find()) {
                if (open != null) {
                    out.add(new RuleProblem(file, Math.max(lastStatement, openLine), 0, "rule \"" + open + "\" (line " + openLine
                            + ") has no end before the next rule: add a line with end after its then-part"));
                }
                open = rule.group(1);
                openLine = i + 1;
                inThen = false;
                lastStatement = 0;
                continue;
            }
            String t = line.strip();
            if (open == null) continue;
            if (t.equals("then")) {
                inThen = true;
            } else if (t.equals("end")) {
                open = null;
                inThen = false;
            } else if (inThen && !t.isEmpty()) {
                lastStatement = i + 1;
                // A statement that closes its parentheses on this line and is followed by end or another
                // statement wants its semicolon here.
                if (t.endsWith(")") && balanced(t) && !t.startsWith("//") && nextIsStatementOrEnd(lines, i)) {
                    out.add(new RuleProblem(file, i + 1, raw.length() + 1, "the statement ends without ;: add ; at the end of the line"));
                }
            }
        }
        if (open != null) {
            out.add(new RuleProblem(file, Math.max(lastStatement, openLine), 0, "rule \"" + open + "\" (line " + openLine
                    + ") has no end: add a line with end after its then-part"));
        }
        Matcher m = TEXT_COMPARED_WITH_NUMBER.matcher(text);
        while (m.find()) {
            int line = 1 + (int) text.substring(0, m.start(3)).chars().filter(c -> c == '\n').count();
            out.add(new RuleProblem(file, line, 0, m.group(1) + "'s value is text: value " + m.group(3) + " " + m.group(4)
                    + " compares text (\"3000\" " + m.group(3) + " \"" + m.group(4) + "\" by letters, not by size); compare the number: number "
                    + m.group(3) + " " + m.group(4)));
        }
        return out;
    }

    /** The line without its comment. */
    private static String code(String raw, boolean inBlockComment) {
        if (inBlockComment) return "";
        String s = raw;
        boolean inText = false;
        for (int i = 0; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) inText = !inText;
            if (!inText && c == '/' && s.charAt(i + 1) == '/') return s.substring(0, i);
        }
        return s;
    }

    private static int unescapedQuotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '"' && (i == 0 || s.charAt(i - 1) != '\\')) n++;
        return n;
    }

    private static boolean balanced(String t) {
        int depth = 0;
        boolean inText = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"' && (i == 0 || t.charAt(i - 1) != '\\')) inText = !inText;
            if (inText) continue;
            if (c == '(') depth++;
            if (c == ')') depth--;
        }
        return depth == 0;
    }

    private static boolean nextIsStatementOrEnd(String[] lines, int i) {
        for (int j = i + 1; j < lines.length; j++) {
            String t = lines[j].strip();
            if (t.isEmpty() || t.startsWith("//")) continue;
            return t.equals("end") || t.matches("[A-Za-z_$][\\w$.]*\\s*\\(.*") || t.startsWith("insert") || t.startsWith("modify");
        }
        return true;
    }
}
