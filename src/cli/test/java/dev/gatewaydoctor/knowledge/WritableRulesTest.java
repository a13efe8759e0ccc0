package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.RulesException;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.WritableRules;
import dev.gatewaydoctor.cli.ExitCode;
import dev.gatewaydoctor.cli.Main;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules are code: a rules directory every user may write to is refused unless allowed explicitly. */
class WritableRulesTest {

    @Test
    void aWorldWritableRuleFileIsRefusedAndCanBeAllowed(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Path drl = rules.resolve("causes/disk-full.drl");
        Files.setPosixFilePermissions(drl, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> Diagnoser.fromDirectory(rules)).isInstanceOfSatisfying(RulesException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo("causes/disk-full.drl");
                    assertThat(p.message()).startsWith("every user of this machine may write here (mode rw-rw-rw-)");
                }));
        assertThat(dev.gatewaydoctor.engine.DiagnoserAccess.knowledge(Diagnoser.fromDirectory(rules, WritableRules.ALLOW)).causes()).isNotEmpty();

        var out = new StringWriter();
        var err = new StringWriter();
        assertThat(Main.run(new String[] {"diagnose", "--rules", rules.toString(), "facts-samples/disk-full-no-space.json"},
                new PrintWriter(out), new PrintWriter(err))).isEqualTo(ExitCode.BAD_RULES);
        assertThat(err.toString()).contains("causes/disk-full.drl: error: every user of this machine may write here");
        assertThat(Main.run(new String[] {"diagnose", "--allow-writable-rules", "--rules", rules.toString(),
                "facts-samples/disk-full-no-space.json"}, new PrintWriter(out), new PrintWriter(err))).isZero();
    }

    @Test
    void aWorldWritableDirectoryIsRefusedToo(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Files.setPosixFilePermissions(rules.resolve("causes"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> KnowledgeLoader.fromDirectory(rules)).isInstanceOf(RulesException.class).hasMessageContaining("causes:");
    }
}
