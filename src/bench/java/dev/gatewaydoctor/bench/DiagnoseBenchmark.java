package dev.gatewaydoctor.bench;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.recognition.LogRecognizer;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.runtime.KieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one diagnosis with a Diagnoser built once, against the floor Drools itself allows: a bare
 * session over as many trivial rules, created, filled with the same facts and fired. Latency on one
 * thread (SampleTime gives the median), throughput on one and two threads. The warm-up is 20 s, and 60 s
 * for throughput: on two cores the JIT compiling Drools' and the rules' code competes with the measuring
 * threads (with 6 s, the median was still falling through the measured iterations; with 20 s, two threads
 * still rose from 1,000 to 2,200 diagnoses/s over the first 30 s of measurement).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 2)
public class DiagnoseBenchmark {

    @Param({"small", "typical", "large"})
    String size;

    Diagnoser doctor;
    KieBase floor;
    FactSet facts;
    dev.gatewaydoctor.engine.BareKnowledgeSession knowledgeOnly;
    List<Object> factsAndSignals;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        doctor = Diagnoser.fromDirectory(Path.of("rules"));
        facts = switch (size) {
            case "small" -> BenchFacts.small();
            case "typical" -> BenchFacts.typical();
            default -> BenchFacts.large();
        };
        floor = trivialRules(dev.gatewaydoctor.engine.DiagnoserAccess.knowledge(doctor).ruleFiles().size());
        var recognizer = dev.gatewaydoctor.engine.DiagnoserAccess.knowledge(doctor).recognizer();
        factsAndSignals = new ArrayList<>(facts.facts());
        factsAndSignals.add(facts.site());
        for (Fact f : facts.facts()) if (f instanceof LogLine line) factsAndSignals.addAll(recognizer.recognize(line));
        knowledgeOnly = new dev.gatewaydoctor.engine.BareKnowledgeSession(doctor, facts);
    }

    /** As many rules as the knowledge has, each a single pattern that matches nothing and does nothing. */
    static KieBase trivialRules(int count) {
        var drl = new StringBuilder("package bench;\nimport dev.gatewaydoctor.facts.*;\n");
        for (int i = 0; i < count; i++) {
            drl.append("rule \"r").append(i).append("\"\nwhen\n    Metric(name == \"m").append(i).append("\")\nthen\nend\n");
        }
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem().write("src/main/resources/bench/rules.drl", drl.toString());
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(org.drools.compiler.kie.builder.impl.DrlProject.class);
        if (!builder.getResults().getMessages().isEmpty()) throw new IllegalStateException(builder.getResults().toString());
        return ks.newKieContainer(ks.getRepository().getDefaultReleaseId()).getKieBase();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Diagnosis diagnoseLatency() {
        return doctor.diagnose(facts);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long floorLatency() {
        return bareSession();
    }

    /**
     * Between the two: the knowledge's own rules in a bare session, with the log lines already recognised,
     * no explanation recorded and no ranking: what Drools needs for these rules and facts alone.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long rulesOnlyLatency() {
        KieSession session = dev.gatewaydoctor.engine.DiagnoserAccess.knowledge(doctor).kieBase().newKieSession();
        try {
            for (Object f : factsAndSignals) session.insert(f);
            return session.fireAllRules();
        } finally {
            session.dispose();
        }
    }

    /**
     * All the knowledge's rules in a bare session, on everything a diagnosis gives them (the timeline's
     * facts, the causes, what each fix treats), both firings: the cause rules, then the fix rules over the
     * causes' hypotheses. The rules-only figure above leaves out the fix rules and what they read.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int knowledgeOnlyLatency() {
        return knowledgeOnly.run();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 10, time = 6)
    @Threads(1)
    public Diagnosis diagnoseThroughput1() {
        return doctor.diagnose(facts);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 10, time = 6)
    @Threads(2)
    public Diagnosis diagnoseThroughput2() {
        return doctor.diagnose(facts);
    }

    private long bareSession() {
        KieSession session = floor.newKieSession();
        try {
            for (Fact f : facts.facts()) session.insert(f);
            return session.fireAllRules();
        } finally {
            session.dispose();
        }
    }
}
