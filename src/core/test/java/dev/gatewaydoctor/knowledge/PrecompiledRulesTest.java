package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.SamplesTest;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.FactSetReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build precompiles rules/ into Drools' executable model; rules an author edits are compiled from
 * DRL. Both must give the same answers, or a sample passing in one mode could fail in the other.
 */
class PrecompiledRulesTest {

    @Test
    void theProjectsRulesLoadPrecompiled() throws Exception {
        Knowledge k = KnowledgeLoader.fromDirectory(TestRules.RULES);
        assertThat(PrecompiledRulesTest.class.getClassLoader().getResource(PrecompiledRules.ROOT + k.version() + ".models"))
                .as("the build (process-classes) precompiled the rules of this version").isNotNull();
        assertThat(k.precompiled()).isTrue();
        assertThat(k.ruleFiles()).containsEntry("PHP-FPM says its pool reached pm.max_children", "causes/php-fpm-pool-exhausted.drl");
    }

    @Test
    void precompiledRulesSkipTheBuildsChecksButKeepItsWarnings() throws Exception {
        Knowledge checked = KnowledgeLoader.fromDirectoryChecked(TestRules.RULES);
        assertThat(PrecompiledRules.warnings(checked.version())).as("the build recorded the checks' warnings").isNotNull()
                .isEqualTo(checked.warnings());
        assertThat(KnowledgeLoader.fromDirectory(TestRules.RULES).warnings()).isEqualTo(checked.warnings());
        assertThat(checked.ruleGroups()).isEqualTo(KnowledgeLoader.fromDirectory(TestRules.RULES).ruleGroups());
    }

    @Test
    void aWarningOfEditedRulesIsFoundAtLoad(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyOfRules(tmp.resolve("rules"));
        Path cause = rules.resolve("causes/disk-full.drl");
        // A negated condition with no guard: a check the build would have warned about, run on content it never saw.
        Files.writeString(cause, Files.readString(cause) + """

                rule "A full disk that no log shows"
                when
                    not LogLine()
                then
                    insert(new Evidence("disk-full", 0.5));
                end
                """);
        Knowledge k = KnowledgeLoader.fromDirectory(rules);
        assertThat(k.precompiled()).isFalse();
        assertThat(k.warnings()).anySatisfy(w -> assertThat(w.toString()).contains("A full disk that no log shows"));
    }

    @Test
    void compiledFromDrlAndPrecompiledGiveTheSameDiagnoses(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyOfRules(tmp.resolve("rules"));
        Path fixes = rules.resolve("fixes.drl");
        Files.writeString(fixes, Files.readString(fixes) + "\n// a comment changes the content hash: this copy compiles from DRL\n");
        Diagnoser fromDrl = Diagnoser.fromDirectory(rules);
        assertThat(dev.gatewaydoctor.engine.DiagnoserAccess.knowledge(fromDrl).precompiled()).isFalse();
        Diagnoser precompiled = TestRules.diagnoser();
        for (Path sample : SamplesTest.samples()) {
            var facts = new FactSetReader().read(sample);
            Diagnosis a = fromDrl.diagnose(facts);
            Diagnosis b = precompiled.diagnose(facts);
            assertThat(a.causes()).as("%s: causes, DRL against precompiled", sample).usingRecursiveComparison().isEqualTo(b.causes());
            assertThat(a.fixes()).as("%s: fixes", sample).usingRecursiveComparison().isEqualTo(b.fixes());
            assertThat(a.rulesFired()).as("%s: rules fired", sample).isEqualTo(b.rulesFired());
        }
    }
}
