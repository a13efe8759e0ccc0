package dev.gatewaydoctor;

import dev.gatewaydoctor.checks.NextCheck;
import dev.gatewaydoctor.checks.NextChecks;
import dev.gatewaydoctor.checks.WhyNot;
import dev.gatewaydoctor.engine.Engine;
import dev.gatewaydoctor.engine.RuleFaultException;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetException;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.knowledge.Knowledge;
import dev.gatewaydoctor.knowledge.KnowledgeLoader;
import dev.gatewaydoctor.knowledge.RulesException;

import dev.gatewaydoctor.knowledge.RulesWatcher;
import dev.gatewaydoctor.knowledge.WritableRules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The entry point for support tools: built once from a rules directory (or the rules bundled in the
 * jar), then used for any number of diagnoses, from any number of threads. Each diagnosis runs in a
 * session of its own, which is always disposed.
 *
 * <pre>{@code
 * Diagnoser doctor = Diagnoser.withBundledRules();
 * Diagnosis d = doctor.diagnose(FactSet.builder()
 *         .log("nginx-error", "... connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) ...")
 *         .build());
 * d.topCause().id();   // "php-fpm-pool-exhausted"
 * }</pre>
 */
public final class Diagnoser implements AutoCloseable {

    /** Enough for any real knowledge base many times over; a rule loop meets it within a second. */
    public static final int DEFAULT_MAX_RULE_FIRINGS = 100_000;

    /** How often a watching Diagnoser looks at its rules directory. */
    public static final Duration WATCH_INTERVAL = Duration.ofMillis(250);

    // One reference, read once per diagnosis: a reload swaps it whole, so no diagnosis mixes two versions.
    private final AtomicReference<Knowledge> knowledge;
    private final Engine engine;
    private final int maxRuleFirings;
    private final Clock wallClock;
    private final RulesWatcher watcher;

    private Diagnoser(AtomicReference<Knowledge> knowledge, int maxRuleFirings, Clock wallClock, RulesWatcher watcher) {
        this.knowledge = knowledge;
        this.engine = new Engine(maxRuleFirings, wallClock);
        this.maxRuleFirings = maxRuleFirings;
        this.wallClock = wallClock;
        this.watcher = watcher;
    }

    private Diagnoser(Knowledge knowledge, int maxRuleFirings) {
        this(new AtomicReference<>(knowledge), maxRuleFirings, Clock.systemUTC(), null);
    }

    /** With the rules bundled in the jar. */
    public static Diagnoser withBundledRules() throws RulesException {
        return new Diagnoser(KnowledgeLoader.bundled(), DEFAULT_MAX_RULE_FIRINGS);
    }

    /** With the rules of a directory laid out like rules/ (causes.yaml, fixes.yaml, causes/*.drl, fixes.drl). */
    public static Diagnoser fromDirectory(Path rulesDir) throws RulesException {
        return fromDirectory(rulesDir, WritableRules.REFUSE);
    }

    /**
     * With the rules of a directory; {@link WritableRules#ALLOW} loads it even when users other than its
     * owner may write to it (rules run as code: see docs/security.md).
     */
    public static Diagnoser fromDirectory(Path rulesDir, WritableRules writable) throws RulesException {
        return new Diagnoser(KnowledgeLoader.fromDirectory(rulesDir, writable), DEFAULT_MAX_RULE_FIRINGS);
    }

    /** With knowledge already compiled (by {@link KnowledgeLoader}). */
    public static Diagnoser with(Knowledge knowledge) {
        return new Diagnoser(knowledge, DEFAULT_MAX_RULE_FIRINGS);
    }

    /**
     * With the rules of a directory, watched: when its files change, the rules are recompiled in the
     * background and swapped in at once; a change that does not compile leaves the last good rules
     * serving. {@code onReload} hears of every reload, good or broken (with its problems). Close the
     * Diagnoser to stop watching.
     */
    public static Diagnoser watching(Path rulesDir, Consumer<RulesWatcher.Reload> onReload) throws RulesException {
        return watching(rulesDir, WritableRules.REFUSE, onReload);
    }

    public static Diagnoser watching(Path rulesDir, WritableRules writable, Consumer<RulesWatcher.Reload> onReload) throws RulesException {
        Knowledge first = KnowledgeLoader.fromDirectory(rulesDir, writable);
        var current = new AtomicReference<>(first);
        var watcher = new RulesWatcher(rulesDir, writable, first.version(), WATCH_INTERVAL, current::set, onReload);
        return new Diagnoser(current, DEFAULT_MAX_RULE_FIRINGS, Clock.systemUTC(), watcher);
    }

    /** The same rules (and, when watching, the same reloads), with another limit on rule firings per diagnosis. */
    public Diagnoser withMaxRuleFirings(int limit) {
        if (limit < 1) throw new IllegalArgumentException("the firing limit must be at least 1");
        return new Diagnoser(knowledge, limit, wallClock, null);
    }

    /**
     * The same rules, reading another wall clock. A diagnosis reads it for one thing only: the year of
     * syslog-style lines ("Nov 26 05:07:46") when no other fact in the record tells the year. Replays
     * and tests fix it; everything else about time follows from the facts (docs/authoring-rules.md, "Time").
     */
    public Diagnoser withClock(Clock clock) {
        return new Diagnoser(knowledge, maxRuleFirings, java.util.Objects.requireNonNull(clock, "clock"), null);
    }

    /** Stops watching the rules directory, if this Diagnoser watches one. */
    @Override
    public void close() {
        if (watcher != null) watcher.close();
    }

    /**
     * Diagnoses one fact set.
     *
     * @throws RuleFaultException when a rule throws or loops: no half answer is returned
     */
    public Diagnosis diagnose(FactSet facts) {
        return engine.diagnose(knowledge.get(), facts);
    }

    /**
     * The checks most worth making next (at most three, best first), each with its how-to and what each
     * answer would mean; {@link NextCheck#answer} adds an answer, to diagnose again.
     */
    public List<NextCheck> nextChecks(FactSet facts, Diagnosis diagnosis) {
        Knowledge k = knowledge.get();
        return NextChecks.rank(k, facts, diagnosis, f -> engine.diagnose(k, f));
    }

    /** For the causes after the first that evidence raised: what kept each down. */
    public List<WhyNot> whyNot(Diagnosis diagnosis) {
        return WhyNot.explain(knowledge.get(), diagnosis);
    }

    /**
     * A builder for one incident's facts, from logs, transcripts, HAR exports, fact-set files, a pasted
     * ticket and single facts, read with the message families and phrasings of the rules in use.
     *
     * @return a new, empty builder
     */
    public IncidentBuilder incident() {
        return new IncidentBuilder(knowledge.get());
    }

    /** Reads a fact-set JSON file and diagnoses it. */
    public Diagnosis diagnose(Path factSetFile) throws FactSetException {
        return diagnose(new FactSetReader().read(factSetFile));
    }

    /** Where the rules came from: a directory path, or "bundled". */
    public String rulesSource() {
        return knowledge.get().source();
    }

    /** A content hash of the rules; every diagnosis carries it too. */
    public String rulesVersion() {
        return knowledge.get().version();
    }

    /**
     * Every name a fact set may use that the rules in use know: observations with their questions and
     * aliases, event kinds, metric and config names, log sources, causes, fixes, outcomes, message families.
     */
    public KnownNames vocabulary() {
        return KnownNames.of(knowledge.get());
    }

    /** The causes, fixes and compiled rules in use. */
    public Knowledge knowledge() {
        return knowledge.get();
    }
}
