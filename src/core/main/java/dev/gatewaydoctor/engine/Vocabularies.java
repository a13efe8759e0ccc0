package dev.gatewaydoctor.engine;

import dev.gatewaydoctor.facts.ConfigValue;
import dev.gatewaydoctor.facts.Event;
import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.Metric;
import dev.gatewaydoctor.facts.Observation;
import dev.gatewaydoctor.facts.Tried;
import dev.gatewaydoctor.knowledge.Fix;
import dev.gatewaydoctor.knowledge.Knowledge;
import dev.gatewaydoctor.knowledge.Vocabulary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Puts a fact set's names into the knowledge's words before the rules see it: an observation given
 * under an alias takes its canonical name, one given under a name for the other answer ("cli-succeeds")
 * takes the canonical name and the other answer, a setting given under another name (settings.yaml) takes
 * the name rules read, and every name no rule reads is named in a warning with
 * the closest names that rules do read.
 */
final class Vocabularies {

    private Vocabularies() {
    }

    static List<Fact> canonical(List<Fact> facts, Knowledge knowledge, List<String> warnings) {
        Vocabulary v = knowledge.vocabulary();
        var out = new ArrayList<Fact>(facts.size());
        var unread = new LinkedHashSet<String>();
        for (Fact f : facts) {
            if (f instanceof Observation o && v.oppositeOf(o.name()) != null) {
                String name = v.oppositeOf(o.name());
                if ("true".equals(o.value()) || "false".equals(o.value())) {
                    out.add(new Observation(name, "true".equals(o.value()) ? "false" : "true", null, o.at()));
                } else {
                    out.add(o);
                    unread.add("observation \"" + o.name() + "\" is the other answer to \"" + name + "\", a yes or no, and \""
                            + o.value() + "\" is neither: it weighs nothing");
                }
                continue;
            }
            if (f instanceof Observation o) {
                String name = v.canonical(o.name());
                Observation canonical = name.equals(o.name()) ? o : new Observation(name, o.value(), o.number(), o.at());
                out.add(canonical);
                if (!v.reads("observation", name)) unread.add(unread("observation", o.name(), v));
                continue;
            }
            if (f instanceof ConfigValue c) {
                String name = v.canonicalSetting(c.name());
                out.add(name.equals(c.name()) ? c : new ConfigValue(name, c.value(), c.at(), c.bytes(), c.number()));
                if (!v.reads("config", name)) unread.add(unread("config", c.name(), v));
                continue;
            }
            out.add(f);
            if (f instanceof Metric m && !v.reads("metric", m.name())) unread.add(unread("metric", m.name(), v));
            else if (f instanceof Event e && !v.reads("event", e.kind())) unread.add(unread("event kind", e.kind(), v));
            else if (f instanceof Tried t && knowledge.fix(t.fix()) == null) {
                List<String> near = Vocabulary.closest(t.fix(), knowledge.fixes().stream().map(Fix::id).toList());
                unread.add("tried \"" + t.fix() + "\" is no fix of the catalog, so it weighs nothing"
                        + (near.isEmpty() ? "" : "; did you mean " + quoted(near) + "?"));
            }
        }
        warnings.addAll(unread);
        return out;
    }

    private static String unread(String kind, String name, Vocabulary v) {
        List<String> near = v.closest(kind.startsWith("event") ? "event" : kind, name);
        return kind + " \"" + name + "\" is read by no rule, so it weighs nothing"
                + (near.isEmpty() ? "" : "; did you mean " + quoted(near) + "?")
                + (kind.equals("observation") ? " (an expert can map it onto a known name with an alias in rules/checks.yaml)"
                : kind.equals("config") ? " (an expert can map it onto a known setting with an alias in rules/settings.yaml)" : "");
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
    }
}
