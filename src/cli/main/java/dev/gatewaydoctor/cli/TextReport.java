package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.Basis;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.EvidenceItem;
import dev.gatewaydoctor.NextCheck;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.RankedFix;
import dev.gatewaydoctor.WhyNot;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The diagnosis as a person reads it at a terminal. */
final class TextReport {

    private static final int CAUSES_SHOWN = 5;
    private static final int FIXES_IN_FULL = 3;
    private static final int FIXES_SHOWN = 6;
    private static final double MIN_SCORE_SHOWN = 0.05;

    private TextReport() {
    }

    static void print(PrintWriter out, String file, Diagnosis d) {
        print(out, file, d, List.of(), List.of());
    }

    static void print(PrintWriter out, String file, Diagnosis d, List<NextCheck> checks, List<WhyNot> whyNot) {
        out.println("== " + file + (d.name() == null ? "" : ": " + d.name()));
        incident(out, d);
        if (d.basis() == Basis.SEED_CHECKLIST) {
            out.println();
            out.println("No usable evidence: nothing observed points at a cause yet.");
            out.println("Work through the seed checklist, simplest first, and add what you find as observations:");
            fixes(out, d);
            negative(out, d);
            checks(out, checks);
            warnings(out, d);
            out.println();
            return;
        }
        out.println();
        if (d.basis() == Basis.STATUS_BASE_RATES) {
            out.println("Inconclusive: nothing but the status is known. The causes below are ranked by how often real incidents");
            out.println("with this status had each (rules/base-rates.yaml), not by anything seen here; the first check settles most.");
        }
        out.println(d.conclusive() ? "Probable causes" : "Possible causes (none is probable yet: gather more evidence)");
        int shown = 0;
        for (RankedCause c : d.causes()) {
            if (shown == CAUSES_SHOWN || c.confidence() < 0.05 && shown > 0) break;
            shown++;
            out.printf(Locale.ROOT, "  %d. %s [%s]  confidence %s%n", c.rank(), c.title(), c.id(), confidence(c.confidence()));
            if (c.culprit() != null) out.println("     culprit: " + c.culprit());
            for (EvidenceItem e : c.evidence()) {
                if (e.weight() == 0 && "base-rates.yaml".equals(e.file())) {
                    out.println("     " + e.rule());
                    continue;
                }
                out.printf(Locale.ROOT, "     %+.1f  %s%s%n", e.weight(), e.rule(),
                        e.counted() ? "" : "  (not counted: the same fact as a stronger rule of the group \"" + e.group() + "\")");
                for (String f : e.facts()) out.println("           " + f);
            }
        }
        int rest = d.causes().size() - shown;
        if (rest > 0) out.println("  (" + rest + " more with little or contrary evidence; --json lists them all)");
        whyNot(out, whyNot);
        out.println();
        out.println("What to do first");
        fixes(out, d);
        checks(out, checks);
        warnings(out, d);
        out.println();
    }

    /** One line of timeline, so that a reader sees what "before the first error" meant to the rules. */
    private static void incident(PrintWriter out, Diagnosis d) {
        var i = d.incident();
        if (i == null) return;
        out.println("First error " + i.onset() + " (" + i.firstSeenIn() + "); " + i.errors() + " failure" + (i.errors() == 1 ? "" : "s")
                + (i.durationMinutes() > 0 ? " over " + dev.gatewaydoctor.engine.ErrorTimeline.span(i.durationMinutes()) : "")
                + ", " + i.pattern() + (i.lastChange() == null ? "" : "; last change before it: " + i.lastChange()));
    }

    private static void whyNot(PrintWriter out, List<WhyNot> whyNot) {
        if (whyNot.isEmpty()) return;
        out.println();
        out.println("Why not the others");
        for (WhyNot w : whyNot) {
            out.printf(Locale.ROOT, "  %s [%s]  confidence %s%n", w.title(), w.cause(), confidence(w.confidence()));
            for (EvidenceItem e : w.against()) out.printf(Locale.ROOT, "     against it: %+.1f  %s%n", e.weight(), e.rule());
            for (String lack : w.lacking()) out.println("     not seen: " + lack);
        }
    }

    private static void checks(PrintWriter out, List<NextCheck> checks) {
        if (checks.isEmpty()) return;
        out.println();
        out.println("Check next (the answers that would tell the leading causes apart)");
        int n = 0;
        for (NextCheck c : checks) {
            out.printf(Locale.ROOT, "  %d. %s  [%s, %s]%n", ++n, c.question(), c.observation(), c.effort().equals("host") ? "ask the host" : c.effort());
            for (String how : c.howTo()) out.println("     how: " + indent(how));
            var meanings = new java.util.ArrayList<String>();
            for (NextCheck.Outcome o : c.outcomes()) meanings.add(o.answer() + ": " + o.meaning());
            if (c.answerKind().equals("log")) meanings.add("give it with --log auto=PATH (or paste its lines as log facts): it settles more than any question");
            out.println("     " + String.join("; ", meanings));
        }
    }

    private static void fixes(PrintWriter out, Diagnosis d) {
        int n = 0;
        for (RankedFix f : d.fixes()) {
            if (n == FIXES_SHOWN && d.basis() != Basis.SEED_CHECKLIST || n > 0 && d.basis() == Basis.EVIDENCE && f.score() < MIN_SCORE_SHOWN) {
                out.println("  (" + (d.fixes().size() - n) + " more; --json lists them all)");
                break;
            }
            n++;
            String score = d.basis() == Basis.SEED_CHECKLIST ? "seed method " + f.seed() : "score " + confidence(f.score());
            out.printf(Locale.ROOT, "  %d. %s [%s]  %s%n", f.rank(), f.title(), f.id(), score);
            if (d.basis() != Basis.SEED_CHECKLIST) out.println("     why: " + f.reason());
            if (n <= FIXES_IN_FULL) {
                int s = 0;
                for (String step : f.steps()) out.println("     " + (++s) + ") " + indent(step));
                if (f.verify() != null) out.println("     verify: " + indent(f.verify()));
                if (f.undo() != null) out.println("     undo: " + indent(f.undo()));
                if (f.risk() != null) out.println("     risk: " + f.risk());
            }
        }
    }

    private static void negative(PrintWriter out, Diagnosis d) {
        if (d.causes().isEmpty()) return;
        out.println();
        out.println("Ruled down by the evidence:");
        for (RankedCause c : d.causes()) {
            out.printf(Locale.ROOT, "  %s [%s]  confidence %s%n", c.title(), c.id(), confidence(c.confidence()));
        }
    }

    private static void warnings(PrintWriter out, Diagnosis d) {
        if (d.warnings().isEmpty()) return;
        out.println();
        out.println("Warnings");
        for (String w : d.warnings()) out.println("  - " + CliWords.of(w));
    }

    /** Two decimals, but never "1.00" or "0.00": evidence never makes a cause certain. */
    static String confidence(double c) {
        if (c >= 0.995) return ">0.99";
        if (c < 0.005) return "<0.01";
        return String.format(Locale.ROOT, "%.2f", c);
    }

    private static String indent(String text) {
        return text.replace("\n", "\n        ");
    }
}
