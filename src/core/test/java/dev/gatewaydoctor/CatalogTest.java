package dev.gatewaydoctor;

import dev.gatewaydoctor.engine.ConfidenceModel;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.knowledge.Fix;
import dev.gatewaydoctor.knowledge.Knowledge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole catalog (the contract ids of docs/causes.md) is covered: every cause has its rules file, a sample
 * that the rules rank it first in, and a near-miss sample that must not; every fix is in the fix
 * knowledge with verify, undo and risk, and ranks first in some sample. The sample set holds the kinds
 * of cases the knowledge must get right (hard ones, competing causes, healthy controls, seed order).
 */
class CatalogTest {

    record Replayed(Path file, FactSet facts, Diagnosis diagnosis) {
    }

    static Set<String> catalogCauses = new TreeSet<>();
    static Set<String> catalogFixes = new TreeSet<>();
    static List<Replayed> replayed = new ArrayList<>();
    static Knowledge knowledge;

    @BeforeAll
    static void replayEverySample() throws Exception {
        try (InputStream in = CatalogTest.class.getResourceAsStream("/catalog-v1.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("cause ")) catalogCauses.add(line.substring(6).strip());
                if (line.startsWith("fix ")) catalogFixes.add(line.substring(4).strip());
            }
        }
        knowledge = TestRules.knowledge();
        for (Path p : SamplesTest.samples()) {
            FactSet facts = new FactSetReader().read(p);
            replayed.add(new Replayed(p, facts, TestRules.diagnoser().diagnose(facts)));
        }
    }

    @Test
    void theKnowledgeKeepsEveryPublishedIdAndPublishesWhatItAdds() {
        // Ids are a contract: none published may go; one added is in docs/causes.md (generated) but not yet in
        // catalog-v1, which tools written against v1 know. The knowledge may only add.
        var causes = new TreeSet<>(knowledge.causes().keySet());
        var fixes = new TreeSet<String>();
        knowledge.fixes().forEach(f -> fixes.add(f.id()));
        assertThat(causes).as("causes.yaml keeps every published cause id").containsAll(catalogCauses);
        assertThat(fixes).as("fixes.yaml keeps every published fix id").containsAll(catalogFixes);
        assertThat(catalogCauses).as("catalog-v1.txt was read whole").isNotEmpty();
    }

    @Test
    void everyCatalogCauseHasARulesFileWithRules() throws IOException {
        for (String cause : catalogCauses) {
            assertThat(knowledge.cause(cause)).as("cause %s in causes.yaml", cause).isNotNull();
            Path drl = TestRules.RULES.resolve("causes").resolve(cause + ".drl");
            assertThat(drl).as("rules file for %s", cause).exists();
            assertThat(Files.readString(drl)).as("%s has rules that weigh it", drl).contains("new Evidence(\"" + cause + "\"");
        }
    }

    @Test
    void everyCatalogFixIsInTheFixKnowledgeWithVerifyUndoAndRisk() {
        for (String id : catalogFixes) {
            Fix fix = knowledge.fix(id);
            assertThat(fix).as("fix %s in fixes.yaml", id).isNotNull();
            assertThat(fix.steps()).as("%s steps", id).isNotEmpty();
            assertThat(fix.verify()).as("%s verify", id).isNotBlank();
            assertThat(fix.undo()).as("%s undo", id).isNotBlank();
            assertThat(fix.risk()).as("%s risk", id).isIn("low", "medium", "high");
            assertThat(fix.treats()).as("%s treats some cause", id).isNotEmpty();
        }
        for (String cause : catalogCauses) {
            assertThat(knowledge.fixes()).as("some fix treats %s", cause).anySatisfy(f -> assertThat(f.treats()).containsKey(cause));
        }
    }

    @Test
    void everyCatalogCauseIsSomeSamplesFirstExpectationAndIsRankedFirstThere() {
        Map<String, List<String>> rankedFirstIn = new HashMap<>();
        for (Replayed r : replayed) {
            var e = r.facts().expect();
            if (e.causes() == null || e.causes().isEmpty()) continue;
            String expected = e.causes().get(0);
            if (r.diagnosis().topCause() != null && r.diagnosis().topCause().id().equals(expected)) {
                rankedFirstIn.computeIfAbsent(expected, k -> new ArrayList<>()).add(r.file().getFileName().toString());
            }
        }
        assertThat(rankedFirstIn.keySet()).as("causes expected first and ranked first by some sample").containsAll(catalogCauses);
    }

    @Test
    void everyCatalogFixIsSomeSamplesFirstExpectationAndIsRankedFirstThere() {
        Set<String> rankedFirst = new HashSet<>();
        for (Replayed r : replayed) {
            var e = r.facts().expect();
            if (e.fixes() == null || e.fixes().isEmpty() || r.diagnosis().fixes().isEmpty()) continue;
            if (r.diagnosis().fixes().get(0).id().equals(e.fixes().get(0))) rankedFirst.add(e.fixes().get(0));
        }
        assertThat(rankedFirst).as("fixes expected first and ranked first by some sample").containsAll(catalogFixes);
    }

    @Test
    void everyCatalogCauseHasANearMissSample() {
        Set<String> nearMissed = new HashSet<>();
        for (Replayed r : replayed) {
            var nots = r.facts().expect().notCauses();
            if (nots != null) nearMissed.addAll(nots);
        }
        assertThat(nearMissed).as("causes named in some sample's notCauses").containsAll(catalogCauses);
    }

    @Test
    void theSampleSetHoldsEveryKindOfCase() {
        assertThat(replayed).as("samples").hasSizeGreaterThanOrEqualTo(45);
        assertThat(tagged("hard")).as("hard samples: no single line names the cause").hasSizeGreaterThanOrEqualTo(10);
        assertThat(tagged("competing")).as("samples where two causes compete").hasSizeGreaterThanOrEqualTo(5);
        assertThat(tagged("seed-order")).as("samples with no useful evidence").hasSizeGreaterThanOrEqualTo(3);
        assertThat(tagged("healthy-control")).as("healthy controls").hasSizeGreaterThanOrEqualTo(3);
        assertThat(tagged("gateway-family")).as("503, 504 and 52x samples").hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void healthyControlsRaiseNoProbableCause() {
        for (Replayed r : tagged("healthy-control")) {
            assertThat(r.facts().expect().causes()).as("%s expects no cause", r.file()).isEmpty();
            assertThat(r.diagnosis().causes()).as("%s", r.file())
                    .allSatisfy(c -> assertThat(c.confidence()).isLessThan(ConfidenceModel.PROBABLE));
        }
    }

    @Test
    void withoutUsefulEvidenceTheSeedArticlesOrderApplies() {
        for (Replayed r : tagged("seed-order")) {
            Diagnosis d = r.diagnosis();
            assertThat(d.basis()).as("%s", r.file()).isEqualTo(Basis.SEED_CHECKLIST);
            List<Integer> seeds = d.fixes().stream().map(RankedFix::seed).toList();
            assertThat(seeds).as("%s lists the seed's methods 1..10 in order", r.file())
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        }
    }

    @Test
    void hardSamplesHaveNoSingleLineThatNamesTheCauseAlone() {
        // "Hard" means the answer comes from combining evidence: no one rule is conclusive on its own.
        for (Replayed r : tagged("hard")) {
            RankedCause top = r.diagnosis().topCause();
            assertThat(top).as("%s", r.file()).isNotNull();
            double strongest = top.evidence().stream().mapToDouble(EvidenceItem::weight).max().orElse(0);
            assertThat(strongest).as("%s: strongest single evidence for %s", r.file(), top.id()).isLessThan(3.0);
            long positive = top.evidence().stream().filter(e -> e.weight() > 0).count();
            assertThat(positive).as("%s: pieces of evidence that combine", r.file()).isGreaterThanOrEqualTo(2);
        }
    }

    private static List<Replayed> tagged(String tag) {
        return replayed.stream().filter(r -> r.facts().expect().tagsOrEmpty().contains(tag))
                .sorted(Comparator.comparing(Replayed::file)).toList();
    }
}
