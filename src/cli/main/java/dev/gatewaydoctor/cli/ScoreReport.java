package dev.gatewaydoctor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewaydoctor.replay.Score;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Predicate;

/** Prints the accuracy figures of {@code replay --score}: per slice, overall and for hard cases. */
final class ScoreReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The slices reported: the whole corpus, the slice rules are written from, and the one kept for validation. */
    static final List<String> SLICES = List.of("all", "all, hard", "tuning", "tuning, hard", "validation", "validation, hard");

    private ScoreReport() {
    }

    static Predicate<Score.Case> slice(String name) {
        Predicate<Score.Case> p = name.startsWith("tuning") ? c -> !c.validation() : name.startsWith("validation") ? Score.Case::validation : c -> true;
        return name.endsWith("hard") ? p.and(Score.Case::hard) : p;
    }

    /** The figures and the reliability tables in Markdown, so that docs/accuracy.md records exactly what this prints. */
    static void text(PrintWriter out, List<Score.Case> cases) {
        out.print(markdown(cases));
        for (String s : List.of("all", "validation")) {
            out.println();
            out.println("Reliability (" + s + "): how often the first cause was right, by its confidence");
            out.println();
            out.println("| confidence | answers | mean confidence | right | right, 95% range |");
            out.println("|---|---:|---:|---:|---:|");
            for (Score.Bin b : Score.figures(cases.stream().filter(slice(s)).toList()).reliability()) {
                double[] range = b.accuracyRange();
                out.println(String.format(Locale.ROOT, "| %.1f - %.1f | %d | %s | %s | %s |", b.low(), b.high(), b.count(),
                        b.count() == 0 ? "-" : num(b.meanConfidence()), b.count() == 0 ? "-" : pct(b.accuracy()),
                        b.count() == 0 ? "-" : pct(range[0]) + " - " + pct(range[1])));
            }
        }
        List<Score.Case> unscored = cases.stream().filter(c -> !c.scored()).toList();
        if (!unscored.isEmpty()) {
            out.println();
            out.println("Not scored (no expected cause, or unreadable):");
            unscored.forEach(c -> out.println("  " + c.file() + (c.error() == null ? "" : ": " + c.error())));
        }
        // Only the tuning slice is listed case by case: rules are written from it, never from the validation slice.
        out.println();
        out.println("Misses in the tuning slice (expected -> got, confidence):");
        cases.stream().filter(c -> c.scored() && !c.validation() && !c.causeAt1()).forEach(c -> out.println(String.format(Locale.ROOT,
                "  %-55s %s -> %s %.2f%s", c.file(), c.expected(), c.got() == null ? "(seed checklist)" : c.got(), c.confidence(),
                c.hard() ? "  [hard]" : "")));
    }

    /** The figures as the Markdown table of docs/accuracy.md, which the ratchet test reads back. */
    static String markdown(List<Score.Case> cases) {
        var sb = new StringBuilder("| slice | cases | cause@1 | cause@3 | fix@1 | fix rank | seed rank | wrong>=0.8 | Brier |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String s : SLICES) {
            Score.Figures f = Score.figures(cases.stream().filter(slice(s)).toList());
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |%n", s, f.cases(), pct(f.causeAt1()),
                    pct(f.causeAt3()), pct(f.fixAt1()), num(f.meanFixRank()), num(f.meanSeedFixRank()), pct(f.confidentWrong()), num(f.brier())));
        }
        return sb.toString();
    }

    /** The rules whose weight the tuning slice contradicts by more than a factor of three (docs/confidence.md). */
    static void weights(PrintWriter out, List<dev.gatewaydoctor.replay.WeightCheck.Row> rows, Map<String, String> texts) {
        var flagged = dev.gatewaydoctor.replay.WeightCheck.disagreements(rows);
        out.println();
        out.println("Weights the tuning slice contradicts by more than a factor of 3 (rules that fired " + dev.gatewaydoctor.replay.WeightCheck.MIN_FIRINGS
                + " times or more, for their cause):");
        if (flagged.isEmpty()) out.println("  none");
        for (var r : flagged) {
            out.println(String.format(Locale.ROOT, "  %+.1f, corpus %+.1f (fired in %d of %d %s incidents, %d of %d others)  %s  [%s]%s",
                    r.weight(), r.corpusWeight(), r.withCause(), r.casesWithCause(), r.cause(), r.withoutCause(), r.casesWithout(), r.rule(), r.file(),
                    dev.gatewaydoctor.replay.WeightCheck.explained(r, texts) ? "" : "  NO CORPUS NOTE BESIDE THE RULE: change the weight or say why it stays"));
        }
    }

    /** The fixes confirmed on the tuning slice for a cause that fixes.yaml does not say they treat: the table's gaps. */
    static void treats(PrintWriter out, List<dev.gatewaydoctor.replay.TreatsCheck.Row> rows) {
        out.println();
        out.println("Fixes that worked on the tuning slice for a cause they are not said to treat (rules/fixes.yaml):");
        if (rows.isEmpty()) out.println("  none");
        for (var r : rows) {
            out.println(String.format(Locale.ROOT, "  %s solved %d %s incident%s", r.fix(), r.incidents(), r.cause(), r.incidents() == 1 ? "" : "s"));
        }
    }

    /**
     * Each rule's precision on the tuning slice's confirmed incidents: of the incidents where it spoke for its cause,
     * how many had that cause. The least precise come first: the rules that mislead, for an expert to look at.
     */
    static void precision(PrintWriter out, List<dev.gatewaydoctor.replay.WeightCheck.Row> rows) {
        var judged = rows.stream().filter(r -> r.weight() > 0 && r.firings() >= dev.gatewaydoctor.replay.WeightCheck.MIN_FIRINGS)
                .sorted(java.util.Comparator.comparingDouble(dev.gatewaydoctor.replay.WeightCheck.Row::precision)
                        .thenComparing(dev.gatewaydoctor.replay.WeightCheck.Row::rule)).toList();
        out.println();
        out.println("Precision of the rules on the tuning slice (rules that speak for their cause and fired "
                + dev.gatewaydoctor.replay.WeightCheck.MIN_FIRINGS + " times or more; least precise first): how often their cause was the confirmed one");
        if (judged.isEmpty()) out.println("  none");
        for (var r : judged) {
            out.println(String.format(Locale.ROOT, "  %3.0f%% (%d of %d)  %+.1f %s  %s  [%s]", 100 * r.precision(), r.withCause(), r.firings(),
                    r.weight(), r.cause(), r.rule(), r.file()));
        }
    }

    /** The tuning slice's counts by status, in the form of rules/base-rates.yaml, for an expert to compare or paste. */
    static void baseRates(PrintWriter out, java.util.SortedMap<String, java.util.SortedMap<String, Integer>> rates) {
        out.println();
        out.println("Base rates of the tuning slice (the statuses: of rules/base-rates.yaml):");
        table(out, "statuses", rates);
    }

    private static void table(PrintWriter out, String name, java.util.SortedMap<String, java.util.SortedMap<String, Integer>> rates) {
        out.println(name + ":");
        rates.forEach((status, causes) -> {
            var line = new StringBuilder("  " + (status.equals("any") ? "any" : "\"" + status + "\"") + ": {");
            var parts = new java.util.ArrayList<String>();
            causes.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(java.util.Map.Entry.comparingByKey()))
                    .forEach(e -> parts.add(e.getKey() + ": " + e.getValue()));
            out.println(line.append(String.join(", ", parts)).append("}"));
        });
    }

    static String json(List<Score.Case> cases, String rulesVersion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("rulesVersion", rulesVersion);
        ObjectNode slices = root.putObject("slices");
        for (String s : SLICES) {
            Score.Figures f = Score.figures(cases.stream().filter(slice(s)).toList());
            ObjectNode o = slices.putObject(s);
            o.put("cases", f.cases()).put("causeAt1", f.causeAt1()).put("causeAt3", f.causeAt3()).put("fixAt1", f.fixAt1())
                    .put("meanFixRank", f.meanFixRank()).put("meanSeedFixRank", f.meanSeedFixRank())
                    .put("confidentWrong", f.confidentWrong()).put("brier", f.brier());
            var bins = o.putArray("reliability");
            for (Score.Bin b : f.reliability()) {
                bins.addObject().put("low", b.low()).put("high", b.high()).put("count", b.count()).put("right", b.right());
            }
        }
        var list = root.putArray("cases");
        for (Score.Case c : cases) {
            list.addObject().put("file", c.file()).put("url", c.url()).put("slice", c.validation() ? "validation" : "tuning")
                    .put("hard", c.hard()).put("scored", c.scored()).put("expected", c.expected()).put("got", c.got())
                    .put("confidence", c.confidence()).put("causeAt1", c.causeAt1()).put("fixRank", c.fixRank());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pct(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.0f%%", d * 100);
    }

    private static String num(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.2f", d);
    }
}
