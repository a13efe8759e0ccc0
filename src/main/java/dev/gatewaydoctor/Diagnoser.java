package dev.gatewaydoctor;

import dev.gatewaydoctor.engine.Engine;
import dev.gatewaydoctor.engine.RuleFaultException;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetException;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.knowledge.Knowledge;
import dev.gatewaydoctor.knowledge.KnowledgeLoader;
import dev.gatewaydoctor.knowledge.RulesException;

import java.nio.file.Path;

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
public final class Diagnoser {

    /** Enough for any real knowledge base many times over; a rule loop meets it within a second. */
    public static final int DEFAULT_MAX_RULE_FIRINGS = 100_000;

    private final Knowledge knowledge;
    private final Engine engine;

    private Diagnoser(Knowledge knowledge, int maxRuleFirings) {
        this.knowledge = knowledge;
        this.engine = new Engine(maxRuleFirings);
    }

    /** With the rules bundled in the jar. */
    public static Diagnoser withBundledRules() throws RulesException {
        return new Diagnoser(KnowledgeLoader.bundled(), DEFAULT_MAX_RULE_FIRINGS);
    }

    /** With the rules of a directory laid out like rules/ (causes.yaml, fixes.yaml, causes/*.drl, fixes.drl). */
    public static Diagnoser fromDirectory(Path rulesDir) throws RulesException {
        return new Diagnoser(KnowledgeLoader.fromDirectory(rulesDir), DEFAULT_MAX_RULE_FIRINGS);
    }

    /** The same rules, with another limit on rule firings per diagnosis (a rule loop stops there). */
    public Diagnoser withMaxRuleFirings(int limit) {
        if (limit < 1) throw new IllegalArgumentException("the firing limit must be at least 1");
        return new Diagnoser(knowledge, limit);
    }

    /**
     * Diagnoses one fact set.
     *
     * @throws RuleFaultException when a rule throws or loops: no half answer is returned
     */
    public Diagnosis diagnose(FactSet facts) {
        return engine.diagnose(knowledge, facts);
    }

    /** Reads a fact-set JSON file and diagnoses it. */
    public Diagnosis diagnose(Path factSetFile) throws FactSetException {
        return diagnose(new FactSetReader().read(factSetFile));
    }

    /** Where the rules came from: a directory path, or "bundled". */
    public String rulesSource() {
        return knowledge.source();
    }

    /** A content hash of the rules; every diagnosis carries it too. */
    public String rulesVersion() {
        return knowledge.version();
    }

    /** The causes, fixes and compiled rules in use. */
    public Knowledge knowledge() {
        return knowledge;
    }
}
