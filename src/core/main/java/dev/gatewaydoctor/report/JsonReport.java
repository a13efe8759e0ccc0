package dev.gatewaydoctor.report;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.EvidenceItem;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.RankedFix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.UnaryOperator;

/**
 * A diagnosis as JSON: one object per diagnosed input, on one line (JSON Lines), for tools. The CLI's
 * {@code diagnose --json} and the service's answers are this same object, so that a tool reads both alike.
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReport() {
    }

    /**
     * The diagnosis on one line.
     *
     * @param words the warnings' advice in the caller's words: the CLI names its options where the library names API calls
     */
    public static String line(String file, Diagnosis d, java.util.List<dev.gatewaydoctor.NextCheck> checks,
                              java.util.List<dev.gatewaydoctor.WhyNot> whyNot, UnaryOperator<String> words) {
        return write(tree(file, d, checks, whyNot, words));
    }

    /** The same object as {@link #line}, as a tree, for a caller that adds fields (the service's {@code id}). */
    public static ObjectNode tree(String file, Diagnosis d, java.util.List<dev.gatewaydoctor.NextCheck> checks,
                                  java.util.List<dev.gatewaydoctor.WhyNot> whyNot, UnaryOperator<String> words) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", file);
        if (d.name() != null) o.put("name", d.name());
        ObjectNode rules = o.putObject("rules");
        rules.put("source", d.rulesSource());
        rules.put("version", d.rulesVersion());
        o.put("basis", d.basis().name().toLowerCase().replace('_', '-'));
        o.put("conclusive", d.conclusive());
        ArrayNode causes = o.putArray("causes");
        for (RankedCause c : d.causes()) {
            ObjectNode n = causes.addObject();
            n.put("rank", c.rank());
            n.put("id", c.id());
            n.put("title", c.title());
            n.put("confidence", c.confidence());
            if (c.culprit() != null) n.put("culprit", c.culprit());
            ArrayNode ev = n.putArray("evidence");
            for (EvidenceItem e : c.evidence()) {
                ObjectNode x = ev.addObject();
                x.put("rule", e.rule());
                if (e.file() != null) x.put("ruleFile", e.file());
                x.put("weight", e.weight());
                if (e.group() != null) x.put("group", e.group()).put("counted", e.counted());
                if (e.culprit() != null) x.put("culprit", e.culprit());
                e.facts().forEach(x.putArray("facts")::add);
            }
        }
        ArrayNode fixes = o.putArray("fixes");
        for (RankedFix f : d.fixes()) {
            ObjectNode n = fixes.addObject();
            n.put("rank", f.rank());
            n.put("id", f.id());
            n.put("title", f.title());
            n.put("score", f.score());
            if (f.seed() != null) n.put("seed", f.seed());
            n.put("effort", f.effort());
            if (f.risk() != null) n.put("risk", f.risk());
            f.causes().forEach(n.putArray("causes")::add);
            n.put("reason", f.reason());
            f.steps().forEach(n.putArray("steps")::add);
            if (f.verify() != null) n.put("verify", f.verify());
            if (f.undo() != null) n.put("undo", f.undo());
        }
        ArrayNode why = o.putArray("whyNot");
        for (var w : whyNot) {
            ObjectNode n = why.addObject();
            n.put("cause", w.cause());
            n.put("confidence", w.confidence());
            ArrayNode against = n.putArray("against");
            for (EvidenceItem e : w.against()) against.addObject().put("rule", e.rule()).put("weight", e.weight());
            w.lacking().forEach(n.putArray("lacking")::add);
        }
        ArrayNode next = o.putArray("nextChecks");
        for (var c : checks) {
            ObjectNode n = next.addObject();
            n.put("observation", c.observation());
            n.put("question", c.question());
            c.howTo().forEach(n.putArray("howTo")::add);
            n.put("answer", c.answerKind());
            n.put("effort", c.effort());
            n.put("gain", c.gain());
            ArrayNode outcomes = n.putArray("outcomes");
            for (var x : c.outcomes()) {
                ObjectNode on = outcomes.addObject().put("answer", x.answer());
                if (x.topCause() != null) on.put("topCause", x.topCause()).put("confidence", x.confidence());
            }
        }
        if (d.incident() != null) {
            var i = d.incident();
            o.putObject("incident").put("onset", i.onset().toString()).put("firstSeenIn", i.firstSeenIn())
                    .put("lastError", i.lastError().toString()).put("durationMinutes", i.durationMinutes()).put("errors", i.errors())
                    .put("pattern", i.pattern()).put("lastChange", i.lastChange());
        }
        d.warnings().stream().map(words).forEach(o.putArray("warnings")::add);
        return o;
    }

    /** The line of an input that could not be diagnosed: its name, the rules, and the error. */
    public static String error(String file, Diagnoser doctor, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", file);
        ObjectNode rules = o.putObject("rules");
        rules.put("source", doctor.rulesSource());
        rules.put("version", doctor.rulesVersion());
        o.put("error", message);
        return write(o);
    }

    /** The tree on one line. */
    public static String write(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}
