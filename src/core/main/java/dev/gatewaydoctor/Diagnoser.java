package dev.gatewaydoctor;

import dev.gatewaydoctor.checks.NextChecks;
import dev.gatewaydoctor.checks.RunnersUp;
import dev.gatewaydoctor.engine.DiagnoserAccess;
import dev.gatewaydoctor.engine.Engine;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetException;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.knowledge.Knowledge;
import dev.gatewaydoctor.knowledge.KnowledgeLoader;
import dev.gatewaydoctor.knowledge.RulesWatcher;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The entry point for support tools: built once from a rules directory (or the rules bundled in the
 * jar), then used for any number of diagnoses, from any number of threads. Each diagnosis runs in a
 * session of its own, which is always disposed.
 *
 * <pre>{@code
 * Diagnoser doctor = Diagnoser.withBundledRules();
 * Diagnosis d = doctor.diagnose(doctor.incident().ticket("ticket-4711", pastedText).build());
 * d.topCause().id();   // "php-fpm-pool-exhausted"
 * }</pre>
 */
public final class Diagnoser implements AutoCloseable {

    /** Enough for any real knowledge base many times over; a rule loop meets it within a second. */
    public static final int DEFAULT_MAX_RULE_FIRINGS = 100_000;

    /** How often a watching Diagnoser looks at its rules directory. */
    public static final Duration WATCH_INTERVAL = Duration.ofMillis(250);

    static {
        // The project's own tools (the CLI, replay, rules doc) read the knowledge behind a Diagnoser; support tools do not.
        DiagnoserAccess.install(new DiagnoserAccess.Bridge() {
            @Override
            public Knowledge knowledge(Diagnoser doctor) {
                return doctor.knowledge.get();
            }

            @Override
            public Diagnoser of(Knowledge knowledge) {
                return new Diagnoser(knowledge, DEFAULT_MAX_RULE_FIRINGS);
            }
        });
    }

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

    /**
     * With the rules bundled in the jar.
     *
     * @return a Diagnoser with the bundled rules
     * @throws IllegalStateException when the bundled rules cannot be loaded: the jar was built wrong, which no caller can mend
     */
    public static Diagnoser withBundledRules() {
        try {
            return new Diagnoser(KnowledgeLoader.bundled(), DEFAULT_MAX_RULE_FIRINGS);
        } catch (RulesException e) {
            throw new IllegalStateException("the rules bundled in this jar do not load (a packaging bug): " + e.getMessage(), e);
        }
    }

    /**
     * With the rules of a directory laid out like rules/ (causes.yaml, fixes.yaml, causes/*.drl, fixes.drl),
     * refusing one that users other than its owner may write to.
     *
     * @param rulesDir the rules directory
     * @return a Diagnoser with those rules
     * @throws RulesException when the rules cannot be used: each problem with file, line and column
     */
    public static Diagnoser fromDirectory(Path rulesDir) throws RulesException {
        return fromDirectory(rulesDir, WritableRules.REFUSE);
    }

    /**
     * With the rules of a directory; {@link WritableRules#ALLOW} loads it even when users other than its
     * owner may write to it (rules run as code: see docs/security.md).
     *
     * @param rulesDir the rules directory
     * @param writable whether a directory that others may write to is refused
     * @return a Diagnoser with those rules
     * @throws RulesException when the rules cannot be used: each problem with file, line and column
     */
    public static Diagnoser fromDirectory(Path rulesDir, WritableRules writable) throws RulesException {
        Objects.requireNonNull(rulesDir, "rulesDir");
        Objects.requireNonNull(writable, "writable");
        return new Diagnoser(KnowledgeLoader.fromDirectory(rulesDir, writable), DEFAULT_MAX_RULE_FIRINGS);
    }

    /**
     * With the rules of a directory, watched: when its files change, the rules are recompiled in the
     * background and swapped in at once; a change that does not compile leaves the last good rules
     * serving. {@code onReload} hears of every reload, good or broken (with its problems). Close the
     * Diagnoser to stop watching.
     *
     * @param rulesDir the rules directory
     * @param onReload told of every reload, on the watcher's thread
     * @return a watching Diagnoser
     * @throws RulesException when the rules cannot be used at the start
     */
    public static Diagnoser watching(Path rulesDir, Consumer<RulesReload> onReload) throws RulesException {
        return watching(rulesDir, WritableRules.REFUSE, onReload);
    }

    /**
     * As {@link #watching(Path, Consumer)}, with a say on rules directories that others may write to.
     *
     * @param rulesDir the rules directory
     * @param writable whether a directory that others may write to is refused
     * @param onReload told of every reload, on the watcher's thread
     * @return a watching Diagnoser
     * @throws RulesException when the rules cannot be used at the start
     */
    public static Diagnoser watching(Path rulesDir, WritableRules writable, Consumer<RulesReload> onReload) throws RulesException {
        Objects.requireNonNull(rulesDir, "rulesDir");
        Objects.requireNonNull(writable, "writable");
        Objects.requireNonNull(onReload, "onReload");
        Knowledge first = KnowledgeLoader.fromDirectory(rulesDir, writable);
        var current = new AtomicReference<>(first);
        var watcher = new RulesWatcher(rulesDir, writable, first.version(), WATCH_INTERVAL, current::set, onReload);
        return new Diagnoser(current, DEFAULT_MAX_RULE_FIRINGS, Clock.systemUTC(), watcher);
    }

    /**
     * The same rules (and, when watching, the same reloads), with another limit on rule firings per diagnosis.
     *
     * @param limit the most rule firings one diagnosis may take, 1 or more
     * @return a Diagnoser with that limit
     */
    public Diagnoser withMaxRuleFirings(int limit) {
        if (limit < 1) throw new IllegalArgumentException("the firing limit must be at least 1");
        return new Diagnoser(knowledge, limit, wallClock, null);
    }

    /**
     * The same rules, reading another wall clock. A diagnosis reads it for one thing only: the year of
     * syslog-style lines ("Nov 26 05:07:46") when no other fact in the record tells the year. Replays
     * and tests fix it; everything else about time follows from the facts (docs/authoring-rules.md, "Time").
     *
     * @param clock the clock to read
     * @return a Diagnoser reading that clock
     */
    public Diagnoser withClock(Clock clock) {
        return new Diagnoser(knowledge, maxRuleFirings, Objects.requireNonNull(clock, "clock"), null);
    }

    /** Stops watching the rules directory, if this Diagnoser watches one. */
    @Override
    public void close() {
        if (watcher != null) watcher.close();
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

    /**
     * Diagnoses one fact set.
     *
     * @param facts what was observed
     * @return the ranked causes and fixes
     * @throws RuleFaultException when a rule throws or loops: no half answer is returned
     */
    public Diagnosis diagnose(FactSet facts) {
        return engine.diagnose(knowledge.get(), Objects.requireNonNull(facts, "facts"));
    }

    /**
     * Reads a fact-set JSON file and diagnoses it.
     *
     * @param factSetFile the file (docs/factset.md)
     * @return the ranked causes and fixes
     * @throws FactSetException   when the file cannot be read or is not a valid fact set
     * @throws RuleFaultException when a rule throws or loops
     */
    public Diagnosis diagnose(Path factSetFile) throws FactSetException {
        return diagnose(new FactSetReader().read(Objects.requireNonNull(factSetFile, "factSetFile")));
    }

    /**
     * The checks most worth making next (at most three, best first), each with its how-to and what each
     * answer would mean; {@link NextCheck#answer} adds an answer, to diagnose again.
     *
     * @param facts     the fact set diagnosed
     * @param diagnosis its diagnosis
     * @return the checks, best first
     * @throws RuleFaultException when a rule throws or loops while the answers are weighed
     */
    public List<NextCheck> nextChecks(FactSet facts, Diagnosis diagnosis) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(diagnosis, "diagnosis");
        Knowledge k = knowledge.get();
        return NextChecks.rank(k, facts, diagnosis, engine.trials(k));
    }

    /**
     * For the causes after the first that evidence raised: what kept each down.
     *
     * @param diagnosis a diagnosis
     * @return for each such cause, the evidence against it and the strongest evidence it lacks
     */
    public List<WhyNot> whyNot(Diagnosis diagnosis) {
        return RunnersUp.explain(knowledge.get(), Objects.requireNonNull(diagnosis, "diagnosis"));
    }

    /**
     * Where the rules came from.
     *
     * @return a directory path, or "bundled"
     */
    public String rulesSource() {
        return knowledge.get().source();
    }

    /**
     * A content hash of the rules; every diagnosis carries it too.
     *
     * @return the rules' version
     */
    public String rulesVersion() {
        return knowledge.get().version();
    }

    /**
     * Every name a fact set may use that the rules in use know: observations with their questions and
     * aliases, event kinds, metric and config names, log sources, causes, fixes, outcomes, message
     * families (docs/factset.md, "Vocabulary", is generated from it).
     *
     * @return the known names
     */
    public KnownNames vocabulary() {
        return KnownNames.of(knowledge.get());
    }
}
