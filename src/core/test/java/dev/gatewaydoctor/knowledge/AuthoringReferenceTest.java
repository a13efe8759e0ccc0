package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.WritableRules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference in docs/authoring-rules.md names every fact type rules can match and every field of each. */
class AuthoringReferenceTest {

    @Test
    void everyFactTypeAndFieldIsInTheReference() throws Exception {
        String doc = Files.readString(Path.of("docs/authoring-rules.md"));
        String reference = doc.substring(doc.indexOf("### Fact types and their fields"));
        DroolsMessages.FACT_TYPES.forEach((name, type) -> {
            assertThat(reference).as("fact type %s", name).contains("**" + name + "**");
            for (String field : DroolsMessages.fields(type)) {
                assertThat(reference).as("field %s of %s", field, name).contains("`" + field + "`");
            }
        });
    }

    @Test
    void everyFieldOfAFixIsInTheReference() throws Exception {
        String doc = Files.readString(Path.of("docs/authoring-rules.md"));
        int at = doc.indexOf("### fixes.yaml");
        assertThat(at).as("a reference section for fixes.yaml").isPositive();
        String fixes = doc.substring(at, doc.indexOf("\n### ", at + 1));
        for (String field : KnowledgeLoader.FIX_FIELDS) assertThat(fixes).as("field %s", field).contains("- `" + field + "`");
        assertThat(fixes).contains("`{culprit}`", "`{culprit|words}`");
    }

    @Test
    void theTemporalPatternsOfTheTimeSectionCompile(@TempDir Path dir) throws Exception {
        String doc = Files.readString(Path.of("docs/authoring-rules.md"));
        String time = doc.substring(doc.indexOf("### Time"));
        String patterns = time.substring(time.indexOf("```\n") + 4, time.indexOf("\n```", time.indexOf("```\n") + 4));
        Path rules = TestRules.slimCopyOfRules(dir);
        Path file = rules.resolve("causes/transient-upstream-glitch.drl");
        Files.writeString(file, Files.readString(file)
                .replace("import dev.gatewaydoctor.engine.Evidence;", "import dev.gatewaydoctor.engine.*;")
                + "\nrule \"Every pattern of the Time section\"\nwhen\n" + patterns + "\nthen\n    insert(new Evidence(\"transient-upstream-glitch\", 0.1));\nend\n");
        Knowledge k = KnowledgeLoader.fromDirectory(rules, WritableRules.ALLOW);
        assertThat(k.ruleFiles()).containsKey("Every pattern of the Time section");
    }
}
