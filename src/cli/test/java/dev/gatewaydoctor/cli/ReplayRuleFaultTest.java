package dev.gatewaydoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.TestCli;
import dev.gatewaydoctor.TestCli.Run;
import dev.gatewaydoctor.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** replay over broken rules exits 3, as the README's table says, naming the file or the sample in one line, without a stack trace. */
class ReplayRuleFaultTest {

    private static final String FULL_DISK = "facts-samples/disk-full-no-space.json";
    private static final String POOL = "facts-samples/php-fpm-pool-exhausted.json";

    /** A rule that compiles and throws on every sample with a disk metric. */
    private static final String THROWS = """

            rule "Throws on a full disk"
            when
                Metric(name == "disk.utilization")
            then
                insert(new Evidence("disk-full", 1.0, ((String) null).trim()));
            end
            """;

    private static Path rulesWith(Path tmp, String appendToDiskFull) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Path drl = rules.resolve("causes/disk-full.drl");
        Files.writeString(drl, Files.readString(drl) + appendToDiskFull);
        return rules;
    }

    private static void noStackTrace(Run r) {
        assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("Exception in").doesNotContain("internal error");
    }

    @Test
    void aRuleThatThrowsOnASampleExits3NamingTheSampleAndTheRule(@TempDir Path tmp) throws Exception {
        Path rules = rulesWith(tmp, THROWS);

        Run text = TestCli.run("replay", "--rules", rules.toString(), FULL_DISK, POOL);
        assertThat(text.code()).isEqualTo(ExitCode.BAD_RULES);
        assertThat(text.out()).contains("FAILED " + FULL_DISK, "1 passed, 1 failed");
        String last = text.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("gatewaydoctor: " + FULL_DISK + ": rule \"Throws on a full disk\" in causes/disk-full.drl failed: ")
                .contains("NullPointerException");
        noStackTrace(text);

        Run json = TestCli.run("replay", "--json", "--rules", rules.toString(), FULL_DISK, POOL);
        assertThat(json.code()).isEqualTo(ExitCode.BAD_RULES);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.at("/samples/0/ruleFault").asBoolean()).isTrue();
        assertThat(doc.at("/samples/1/ruleFault").isMissingNode()).isTrue();
        noStackTrace(json);

        Run score = TestCli.run("replay", "--score", "--rules", rules.toString(), FULL_DISK);
        assertThat(score.code()).isEqualTo(ExitCode.BAD_RULES);
        assertThat(score.err()).contains("gatewaydoctor: " + FULL_DISK + ": rule \"Throws on a full disk\"");
        noStackTrace(score);
    }

    @Test
    void rulesThatDoNotCompileExit3NamingTheFileAndLine(@TempDir Path tmp) throws Exception {
        Path rules = rulesWith(tmp, "\nrule \"broken\"\nwhen\n    Metric(name == \nthen\nend\n");
        Run r = TestCli.run("replay", "--rules", rules.toString(), FULL_DISK);
        assertThat(r.code()).isEqualTo(ExitCode.BAD_RULES);
        assertThat(r.err()).contains(rules.resolve("causes/disk-full.drl") + ":");
        assertThat(r.out()).doesNotContain("passed");
        noStackTrace(r);
    }

    @Test
    void aRuleFileThatIsNoTextIsNamed(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Files.write(rules.resolve("causes/disk-full.drl"), new byte[] {'r', 'u', 'l', 'e', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        Run r = TestCli.run("replay", "--rules", rules.toString(), FULL_DISK);
        assertThat(r.code()).isEqualTo(ExitCode.BAD_RULES);
        assertThat(r.err()).contains(rules.resolve("causes/disk-full.drl") + ": error: not UTF-8 text");
        noStackTrace(r);
    }
}
