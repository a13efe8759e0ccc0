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

    /** The hosting values of the fact-set format (docs/factset.md), which rules compare with. */
    static final List<String> HOSTING = List.of("shared", "managed", "vps", "dedicated", "cloud", "container");
    /**
     * What people and tools call the container platforms the format names "container": a site run by Docker,
     * Compose or Kubernetes is one the rules for containers (a proxy's own loopback, a container's memory
     * limit, Docker's networks) speak of.
     */
    private static final java.util.Set<String> CONTAINER_PLATFORMS = java.util.Set.of("docker", "docker-compose", "compose",
            "podman", "kubernetes", "k8s", "k3s", "swarm", "docker-swarm", "openshift", "nomad", "containers", "containerized");

    /**
     * The site with its hosting in the format's words: a container platform named by its own name ("docker",
     * "kubernetes") is read as "container", and said so; a value the format does not have is kept and warned about,
     * since no rule compares with it.
     */
    static dev.gatewaydoctor.facts.Site canonical(dev.gatewaydoctor.facts.Site site, List<String> warnings) {
        String hosting = site.hosting();
        if (hosting == null || HOSTING.contains(hosting)) return site;
        String word = hosting.strip().toLowerCase(java.util.Locale.ROOT);
        if (HOSTING.contains(word)) return withHosting(site, word);
        if (CONTAINER_PLATFORMS.contains(word)) {
            warnings.add("site.hosting \"" + hosting + "\" is read as \"container\", the format's word for a site run in containers");
            return withHosting(site, "container");
        }
        List<String> near = Vocabulary.closest(word, HOSTING);
        warnings.add("site.hosting \"" + hosting + "\" is none of the format's values (" + String.join(", ", HOSTING)
                + "), so no rule reads it" + (near.isEmpty() ? "" : "; did you mean " + quoted(near) + "?"));
        return site;
    }

    private static dev.gatewaydoctor.facts.Site withHosting(dev.gatewaydoctor.facts.Site s, String hosting) {
        return new dev.gatewaydoctor.facts.Site(s.url(), s.app(), s.webServer(), s.proxy(), s.cdn(), hosting, s.php(), s.wordpress(),
                s.timezone(), s.panel());
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
