package dev.gatewaydoctor.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything observed about one incident: the unit of diagnosis. Build one in code with
 * {@link #builder()}, or read one from JSON with {@link FactSetReader}.
 *
 * @param warnings   what the reader accepted but could not use (unknown fields, unknown fact types);
 *                   they are carried into the diagnosis so that nothing is dropped silently
 * @param provenance where a real incident came from, or null; never read by rules
 */
public record FactSet(String name, Site site, List<Fact> facts, Expectation expect, List<String> warnings, Provenance provenance) {

    public FactSet(String name, Site site, List<Fact> facts, Expectation expect, List<String> warnings) {
        this(name, site, facts, expect, warnings, null);
    }

    public FactSet {
        site = site == null ? Site.UNKNOWN : site;
        facts = List.copyOf(facts);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The same fact set with one more fact (an answered check, say). */
    public FactSet with(Fact fact) {
        var all = new ArrayList<Fact>(facts);
        all.add(fact);
        return new FactSet(name, site, all, expect, warnings, provenance);
    }

    /** The same fact set about a site described otherwise (its time zone given, say). */
    public FactSet withSite(Site other) {
        return new FactSet(name, other, facts, expect, warnings, provenance);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a fact set in code: {@code FactSet.builder().site(...).log("nginx-error", line).build()}. */
    public static final class Builder {
        private String name;
        private Site site = Site.UNKNOWN;
        private final List<Fact> facts = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Site site() {
            return site;
        }

        public boolean hasNoSite() {
            return site == Site.UNKNOWN;
        }

        public Builder site(Site site) {
            this.site = site;
            return this;
        }

        public Builder fact(Fact fact) {
            facts.add(fact);
            return this;
        }

        public Builder facts(java.util.Collection<? extends Fact> more) {
            facts.addAll(more);
            return this;
        }

        /** Something the reader of an input could not use, carried into the diagnosis. */
        public Builder warning(String warning) {
            warnings.add(warning);
            return this;
        }

        public Builder log(String source, String line) {
            return fact(new LogLine(source, line, null));
        }

        public Builder http(int status, java.util.Map<String, String> headers, String body) {
            return fact(dev.gatewaydoctor.recognition.ErrorPageRecognizer.response(status, null, headers, body, null, null, null, null));
        }

        public Builder metric(String name, double value) {
            return fact(new Metric(name, value, null, null));
        }

        public Builder config(String name, String value) {
            return fact(ConfigValue.of(name, value, null));
        }

        public Builder event(String kind, String subject) {
            return fact(new Event(kind, subject, null));
        }

        public Builder observation(String name, boolean value) {
            return fact(Observation.of(name, value));
        }

        public Builder observation(String name, double value) {
            return fact(Observation.of(name, value));
        }

        /** A fix of the catalog that was tried, and its outcome (fixed, no-change, helped-for-a-while, worse). */
        public Builder tried(String fix, String outcome) {
            return fact(new Tried(fix, outcome, null));
        }

        public FactSet build() {
            return new FactSet(name, site, facts, null, warnings);
        }
    }
}
