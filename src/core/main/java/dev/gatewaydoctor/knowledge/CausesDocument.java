package dev.gatewaydoctor.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code docs/causes.md} from the knowledge itself: every cause with its prior, the reasoning its
 * rules file opens with, each rule and the weight it gives, and the fixes that treat it; every fix with
 * its steps, verification, undo and risk. Generated, so that it cannot drift from {@code rules/}; a test
 * compares the committed file with a fresh rendering.
 */
public final class CausesDocument {

    public static final String REGENERATE = "target/gatewaydoctor/bin/gatewaydoctor rules doc rules > docs/causes.md";

    private static final Pattern RULE = Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\"(.*?)^end\\b");

    private CausesDocument() {
    }

    /** A rule as the document shows it: its name and the weight it gives its cause. */
    public record WeighedRule(String name, String weight) {
    }

    public static String render(Knowledge k) {
        var md = new StringBuilder();
        md.append("# Causes and fixes\n\n")
                .append("Generated from `rules/` by `gatewaydoctor rules doc`: edit the rules, never this file, then run\n\n")
                .append("    ").append(REGENERATE).append("\n\n")
                .append("A test (`CausesDocumentTest`) fails while this file and the rules disagree.\n\n")
                .append("Each cause starts from its prior (log10 odds before any evidence); each rule that sees its evidence adds\n")
                .append("its weight, once however many facts it matches; the sum gives the confidence (`docs/confidence.md`).\n")
                .append("Weights: +0.5 a hint, +1 good evidence, +2 strong, +3 all but conclusive; negative weights speak against.\n\n");

        md.append("## Causes\n\n| cause | title | prior | rules |\n|---|---|---|---|\n");
        for (Cause c : k.causes().values()) {
            md.append("| [`").append(c.id()).append("`](#").append(c.id()).append(") | ").append(c.title()).append(" | ")
                    .append(num(c.prior())).append(" | ").append(rules(k, c.id()).size()).append(" |\n");
        }
        md.append('\n');
        for (Cause c : k.causes().values()) {
            md.append("### ").append(c.id()).append("\n\n**").append(c.title()).append(".** ").append(c.summary()).append("\n\n");
            md.append("Prior ").append(num(c.prior())).append(" (").append(percent(1 / (1 + Math.pow(10, -c.prior()))))
                    .append(" before any evidence). Rules: `rules/causes/").append(c.id()).append(".drl`.\n\n");
            String reasoning = headerComment(k.texts().get("causes/" + c.id() + ".drl"));
            if (!reasoning.isEmpty()) md.append(reasoning).append("\n\n");
            List<WeighedRule> rules = rules(k, c.id());
            if (rules.isEmpty()) {
                md.append("No rules yet.\n\n");
            } else {
                md.append("| weight | rule |\n|---:|---|\n");
                for (WeighedRule r : rules) md.append("| ").append(r.weight()).append(" | ").append(r.name()).append(" |\n");
                md.append('\n');
            }
            var treatedBy = new ArrayList<String>();
            for (Fix f : k.fixes()) {
                Double e = f.treats().get(c.id());
                if (e != null) treatedBy.add("[`" + f.id() + "`](#" + f.id() + ") (" + num(e) + ")");
            }
            md.append("Fixes that treat it (efficacy): ").append(treatedBy.isEmpty() ? "none" : String.join(", ", treatedBy)).append(".\n\n");
        }

        md.append("## Fixes\n\nRanked by score: for each cause a fix treats, the cause's confidence times the fix's efficacy,\n")
                .append("combined as independent chances. Ties go to the seed article's order, then to effort.\n\n")
                .append("| fix | title | seed | effort | risk |\n|---|---|---|---|---|\n");
        for (Fix f : k.fixes()) {
            md.append("| [`").append(f.id()).append("`](#").append(f.id()).append(") | ").append(f.title()).append(" | ")
                    .append(f.seed() == null ? "-" : f.seed()).append(" | ").append(f.effort()).append(" | ").append(f.risk()).append(" |\n");
        }
        md.append('\n');
        for (Fix f : k.fixes()) {
            md.append("### ").append(f.id()).append("\n\n**").append(f.title()).append(".** ")
                    .append(f.seed() == null ? "Not in the seed article" : "Seed method " + f.seed())
                    .append("; effort ").append(f.effort()).append("; risk ").append(f.risk()).append(".\n\n");
            md.append("Treats: ");
            var treats = new ArrayList<String>();
            f.treats().forEach((cause, e) -> treats.add("[`" + cause + "`](#" + cause + ") " + num(e)));
            md.append(String.join(", ", treats)).append(".\n\n");
            if (!f.culpritOf().isEmpty()) {
                md.append("`{culprit}` is filled from the culprit of ").append(String.join(", ", f.culpritOf().stream()
                        .map(cause -> "[`" + cause + "`](#" + cause + ")").toList())).append(" only (`culpritOf`).\n\n");
            }
            int i = 1;
            for (String step : f.steps()) md.append(i++).append(". ").append(step).append('\n');
            md.append("\nVerify: ").append(f.verify()).append("\n\nUndo: ").append(f.undo()).append("\n\n");
        }

        String fixRules = k.texts().get("fixes.drl");
        if (fixRules != null) {
            md.append("## Rules that rank fixes (`rules/fixes.drl`)\n\n");
            Matcher m = RULE.matcher(fixRules);
            while (m.find()) md.append("- ").append(m.group(1)).append('\n');
            md.append('\n');
        }
        // The names a fact set may use are the format's: docs/factset.md ends with them (rules doc --vocabulary).
        md.append("The names a fact set may use that these rules read: the [Vocabulary](factset.md#vocabulary) of the format.\n");
        return md.toString();
    }

    /** The rules of one cause's file with their weights ("+2.0", or "+1.0 / -0.5" for a rule that gives several). */
    public static List<WeighedRule> rules(Knowledge k, String causeId) {
        String text = k.texts().get("causes/" + causeId + ".drl");
        var out = new ArrayList<WeighedRule>();
        if (text == null) return out;
        Matcher m = RULE.matcher(text);
        while (m.find()) {
            var weights = new ArrayList<String>();
            Matcher e = RuleTextChecks.EVIDENCE.matcher(m.group(2));
            while (e.find()) {
                if (e.group(1).isEmpty() || e.group(2) == null) continue; // no cause, or a weight that is no number: not shown
                String w = signed(Double.parseDouble(e.group(2)));
                if (!e.group(1).equals(causeId)) w += " (" + e.group(1) + ")";
                if (!weights.contains(w)) weights.add(w);
            }
            out.add(new WeighedRule(m.group(1), weights.isEmpty() ? "?" : String.join(" / ", weights)));
        }
        return out;
    }

    /** The comment lines a rules file opens with, as prose, without the line that every file repeats about weights. */
    static String headerComment(String text) {
        if (text == null) return "";
        var prose = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (!t.startsWith("//")) break;
            String c = t.substring(2).strip();
            if (c.startsWith("Weights are log10") || c.startsWith("+0.5 a hint")) continue;
            if (prose.length() > 0) prose.append(' ');
            prose.append(c);
        }
        String p = prose.toString().strip();
        // Files open with "cause-id: what it is." which the summary above already says.
        if (p.matches("(?s)[a-z0-9-]+: .*")) {
            int end = p.indexOf(". ");
            p = end < 0 ? "" : p.substring(end + 2);
        }
        return p;
    }

    private static String signed(double w) {
        return (w > 0 ? "+" : "") + num(w);
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static String percent(double p) {
        return p < 0.01 ? "<1%" : String.format(Locale.ROOT, "%.0f%%", p * 100);
    }
}
