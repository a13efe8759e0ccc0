package dev.gatewaydoctor.knowledge;

import org.junit.jupiter.api.Test;

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
}
