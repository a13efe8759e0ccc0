package dev.gatewaydoctor.checks;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.WhyNot;
import dev.gatewaydoctor.knowledge.CausesDocument;
import dev.gatewaydoctor.knowledge.Knowledge;

import java.util.ArrayList;
import java.util.List;

/** The causes after the first that evidence raised, and what kept each down ({@link WhyNot}). */
public final class RunnersUp {

    private RunnersUp() {
    }

    private static final int SHOWN = 3;
    private static final int LACKING = 2;

    /** For the causes after the first that some evidence spoke for. */
    public static List<WhyNot> explain(Knowledge knowledge, Diagnosis d) {
        var out = new ArrayList<WhyNot>();
        if (d.topCause() == null) return out;
        for (RankedCause c : d.causes()) {
            if (c.rank() == 1 || out.size() == SHOWN) continue;
            if (c.evidence().stream().noneMatch(e -> e.weight() > 0)) continue;
            var against = c.evidence().stream().filter(e -> e.weight() < 0).toList();
            var lacking = CausesDocument.rules(knowledge, c.id()).stream()
                    .filter(r -> !d.rulesFired().contains(r.name()) && r.weight().startsWith("+"))
                    .sorted((a, b) -> Double.compare(weight(b.weight()), weight(a.weight())))
                    .limit(LACKING).map(r -> r.name() + " (" + r.weight() + ")").toList();
            out.add(new WhyNot(c.id(), c.title(), c.confidence(), against, lacking));
        }
        return out;
    }

    private static double weight(String w) {
        try {
            return Double.parseDouble(w.split(" ")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
