package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules compiled once in a process are not compiled again for the same files, and an edit is never served from the keep. */
class CompiledRulesTest {

    @Test
    void theSameFilesShareOneCompiledBaseAndAnEditCompilesAnew(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Path glitch = rules.resolve("causes/transient-upstream-glitch.drl");
        String original = Files.readString(glitch);
        Files.writeString(glitch, original + "\n// an edit that makes a version of its own\n");

        Knowledge first = KnowledgeLoader.fromDirectory(rules);
        Knowledge again = KnowledgeLoader.fromDirectory(rules);
        assertThat(first.precompiled()).isFalse();
        assertThat(again.version()).isEqualTo(first.version());
        assertThat(again.kieBase()).isSameAs(first.kieBase());

        Files.writeString(glitch, original + "\n// another edit\n");
        Knowledge edited = KnowledgeLoader.fromDirectory(rules);
        assertThat(edited.version()).isNotEqualTo(first.version());
        assertThat(edited.kieBase()).isNotSameAs(first.kieBase());
    }
}
