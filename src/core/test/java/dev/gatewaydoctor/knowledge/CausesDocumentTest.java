package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.TestRules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CausesDocumentTest {

    @Test
    void docsCausesMdIsWhatTheRulesSay() throws Exception {
        String fresh = CausesDocument.render(TestRules.knowledge());
        String committed = Files.readString(Path.of("docs/causes.md"));
        assertThat(committed).as("docs/causes.md is out of date with rules/; regenerate it: " + CausesDocument.REGENERATE)
                .isEqualTo(fresh);
    }

    @Test
    void theDocumentShowsEveryCauseItsRulesAndEveryFix() {
        Knowledge k = TestRules.knowledge();
        String doc = CausesDocument.render(k);
        for (Cause c : k.causes().values()) {
            assertThat(doc).contains("### " + c.id());
            assertThat(CausesDocument.rules(k, c.id())).as("rules of %s", c.id()).isNotEmpty();
            for (var rule : CausesDocument.rules(k, c.id())) {
                assertThat(rule.weight()).as("weight of \"%s\" read from %s.drl", rule.name(), c.id()).matches("[+-]?\\d.*");
                assertThat(doc).contains("| " + rule.weight() + " | " + rule.name() + " |");
            }
        }
        for (Fix f : k.fixes()) assertThat(doc).contains("### " + f.id()).contains("Verify: " + f.verify());
    }

    @Test
    void aRuleAddedToARulesFileShowsUpInTheDocument(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Path drl = rules.resolve("causes/disk-full.drl");
        Files.writeString(drl, Files.readString(drl) + """

                rule "The backup job filled /var/backups"
                when
                    Observation(name == "backup-dir-full", value == "true")
                then
                    insert(new Evidence("disk-full", 1.5));
                end
                """);
        String doc = CausesDocument.render(KnowledgeLoader.fromDirectory(rules));
        assertThat(doc).contains("| +1.5 | The backup job filled /var/backups |");
    }
}
