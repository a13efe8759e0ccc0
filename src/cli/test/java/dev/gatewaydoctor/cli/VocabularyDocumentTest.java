package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/factset.md ends with the vocabulary the rules know, as Diagnoser.vocabulary() gives it: the two cannot drift. */
class VocabularyDocumentTest {

    @Test
    void theFormatPageEndsWithTheVocabularyOfTheRules() throws Exception {
        String doc = Files.readString(Path.of("docs/factset.md"));
        int at = doc.indexOf("\n" + VocabularyDocument.HEADING + "\n");
        assertThat(at).as("docs/factset.md has a %s section", VocabularyDocument.HEADING).isPositive();
        assertThat(doc.substring(at + 1)).as("docs/factset.md's vocabulary is out of date with rules/; regenerate it: " + VocabularyDocument.REGENERATE)
                .isEqualTo(VocabularyDocument.render(TestRules.diagnoser().vocabulary()));
    }

    @Test
    void aNameARuleStartsToReadIsInTheVocabularyAtOnce(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Path drl = rules.resolve("causes/disk-full.drl");
        Files.writeString(drl, Files.readString(drl) + """

                rule "The backup job filled /var/backups"
                when
                    Observation(name == "backup-dir-full", value == "true")
                    Metric(name == "backup.dir.utilization", value > 0.95)
                    ConfigValue(name == "backup.target")
                then
                    insert(new Evidence("disk-full", 1.5));
                end
                """);
        var names = Diagnoser.fromDirectory(rules).vocabulary();
        assertThat(names.observations()).containsKey("backup-dir-full");
        assertThat(names.observations().get("backup-dir-full").question()).as("no check asks for it yet").isNull();
        assertThat(names.metrics()).contains("backup.dir.utilization");
        assertThat(names.configs()).contains("backup.target");
        assertThat(VocabularyDocument.render(names)).contains("| `backup-dir-full` |  | (no check yet) |  |", "`backup.dir.utilization`", "`backup.target`")
                .isNotEqualTo(VocabularyDocument.render(TestRules.diagnoser().vocabulary()));
    }

    @Test
    void rulesDocPrintsTheSection() {
        var run = dev.gatewaydoctor.TestCli.run("rules", "doc", "--vocabulary");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(VocabularyDocument.render(TestRules.diagnoser().vocabulary()));
    }
}
