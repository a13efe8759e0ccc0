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

/**
 * A fact set without provenance.
 *
 * @param name     a short title, or null
 * @param site     the site, or null when unknown
 * @param facts    the facts
 * @param expect   what a replay checks, or null
 * @param warnings what the reader could not use, or null
 */
    public FactSet(String name, Site site, List<Fact> facts, Expectation expect, List<String> warnings) {
        this(name, site, facts, expect, warnings, null);
    }

/**
 * A fact set, its lists copied.
 *
 * @param name       a short title, or null
 * @param site       the site, or null when unknown
 * @param facts      the facts
 * @param expect     what a replay checks, or null
 * @param warnings   what the reader could not use, or null
 * @param provenance where a real incident came from, or null
 */
    public FactSet {
        site = site == null ? Site.UNKNOWN : site;
        facts = List.copyOf(facts);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * The same fact set with one more fact (an answered check, say).
     *
     * @param fact the fact to add
     * @return a new fact set
     */
    public FactSet with(Fact fact) {
        var all = new ArrayList<Fact>(facts);
        all.add(java.util.Objects.requireNonNull(fact, "fact"));
        return new FactSet(name, site, all, expect, warnings, provenance);
    }

    /**
     * The same fact set about a site described otherwise (its time zone given, say).
     *
     * @param other the site
     * @return a new fact set
     */
    public FactSet withSite(Site other) {
        return new FactSet(name, java.util.Objects.requireNonNull(other, "other"), facts, expect, warnings, provenance);
    }

/**
 * A builder of facts given one by one; {@code Diagnoser.incident()} reads logs, transcripts and tickets too.
 *
 * @return a new builder
 */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a fact set in code: {@code FactSet.builder().site(...).log("nginx-error", line).build()}. */
    public static final class Builder {
        private String name;
        private Site site = Site.UNKNOWN;
        private final List<Fact> facts = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        /**
         * The fact set's title.
         *
         * @param name a short title
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * What is known of the site.
         *
         * @param site the site
         * @return this builder
         */
        public Builder site(Site site) {
            this.site = java.util.Objects.requireNonNull(site, "site");
            return this;
        }

        /**
         * One fact.
         *
         * @param fact the fact
         * @return this builder
         */
        public Builder fact(Fact fact) {
            facts.add(java.util.Objects.requireNonNull(fact, "fact"));
            return this;
        }

        /**
         * Several facts.
         *
         * @param more the facts
         * @return this builder
         */
        public Builder facts(java.util.Collection<? extends Fact> more) {
            java.util.Objects.requireNonNull(more, "more").forEach(this::fact);
            return this;
        }

        /**
         * Something the reader of an input could not use, carried into the diagnosis.
         *
         * @param warning what was not used, and why
         * @return this builder
         */
        public Builder warning(String warning) {
            warnings.add(java.util.Objects.requireNonNull(warning, "warning"));
            return this;
        }

        /**
         * One log line, verbatim.
         *
         * @param source the log it came from ({@code nginx-error}, {@code php-fpm}, ...: docs/factset.md)
         * @param line   the line as it appeared
         * @return this builder
         */
        public Builder log(String source, String line) {
            return fact(new LogLine(source, java.util.Objects.requireNonNull(line, "line"), null));
        }

        /**
         * One HTTP response; who produced it is read from its headers and body.
         *
         * @param status  the status code
         * @param headers header names to values, or null
         * @param body    an excerpt of the page, or null
         * @return this builder
         */
        public Builder http(int status, java.util.Map<String, String> headers, String body) {
            return fact(dev.gatewaydoctor.recognition.ErrorPageRecognizer.response(status, null, headers, body, null, null, null, null));
        }

        /**
         * One measured number.
         *
         * @param name  the metric's name ({@code php-fpm.listen.queue})
         * @param value its value; ratios are 0..1
         * @return this builder
         */
        public Builder metric(String name, double value) {
            return fact(new Metric(java.util.Objects.requireNonNull(name, "name"), value, null, null));
        }

        /**
         * One setting as found.
         *
         * @param name  the setting's name ({@code php.memory_limit})
         * @param value as written ("128M")
         * @return this builder
         */
        public Builder config(String name, String value) {
            return fact(ConfigValue.of(java.util.Objects.requireNonNull(name, "name"), java.util.Objects.requireNonNull(value, "value"), null));
        }

        /**
         * Something that happened.
         *
         * @param kind    the event's kind ({@code plugin-updated}: docs/factset.md)
         * @param subject what it happened to (a plugin slug, a version), or null
         * @return this builder
         */
        public Builder event(String kind, String subject) {
            return fact(new Event(java.util.Objects.requireNonNull(kind, "kind"), subject, null));
        }

        /**
         * A yes-or-no finding of a troubleshooting step.
         *
         * @param name  the observation's name (or an alias of it, or a name of its other answer)
         * @param value the answer
         * @return this builder
         */
        public Builder observation(String name, boolean value) {
            return fact(Observation.of(java.util.Objects.requireNonNull(name, "name"), value));
        }

        /**
         * A number a troubleshooting step found.
         *
         * @param name  the observation's name (or an alias of it)
         * @param value the number
         * @return this builder
         */
        public Builder observation(String name, double value) {
            return fact(Observation.of(java.util.Objects.requireNonNull(name, "name"), value));
        }

        /**
         * A fix of the catalog that was tried, and its outcome.
         *
         * @param fix     the fix's id
         * @param outcome fixed, no-change, helped-for-a-while or worse
         * @return this builder
         */
        public Builder tried(String fix, String outcome) {
            return fact(new Tried(java.util.Objects.requireNonNull(fix, "fix"), java.util.Objects.requireNonNull(outcome, "outcome"), null));
        }

        /**
         * The fact set of everything given.
         *
         * @return the fact set
         */
        public FactSet build() {
            return new FactSet(name, site, facts, null, warnings);
        }
    }
}
