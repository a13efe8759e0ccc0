package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.TestCli;
import dev.gatewaydoctor.TestRules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** diagnose --watch: an expert edits a weight and sees the diagnosis change; a broken edit is refused and said. */
class DiagnoseWatchTest {

    private static final String SAMPLE = "facts-samples/php-fpm-pool-exhausted.json";
    private static final String RULE = "PHP-FPM says its pool reached pm.max_children";
    private static final String WEIGHT = "insert(new Evidence(\"php-fpm-pool-exhausted\", 2.0, \"pool \" + $pool));";
    private static final long SECONDS = 120;

    private static void await(StringWriter w, String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (!w.toString().contains(text)) {
            if (System.nanoTime() > end) fail("no \"" + text + "\" within " + SECONDS + " s; printed:\n" + w);
            Thread.sleep(50);
        }
    }

    @Test
    void anEditedWeightReprintsTheDiagnosisUnderTheNewVersionAndABrokenEditKeepsTheLastGoodRules(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Path drl = rules.resolve("causes/php-fpm-pool-exhausted.drl");
        assertThat(Files.readString(drl)).contains(WEIGHT);
        var out = new StringWriter();
        var err = new StringWriter();
        ExecutorService cli = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> run = cli.submit(() -> dev.gatewaydoctor.cli.Main.run(new String[] {"diagnose", "--watch", "--watch-reloads", "2",
                    "--rules", rules.toString(), SAMPLE}, new PrintWriter(out), new PrintWriter(err)));
            await(err, "watching " + rules); // the rules are loaded and watched: an edit from now on is a reload

            Files.writeString(drl, Files.readString(drl).replace(WEIGHT, WEIGHT.replace("2.0", "1.2")));
            await(out, "=== rules reloaded: ");
            Files.writeString(drl, Files.readString(drl) + "\nrule \"broken\"\nwhen\n    Metric(name == \nthen\nend\n");

            int code = run.get(SECONDS, TimeUnit.SECONDS);
            String printed = out.toString();
            String before = printed.substring(0, printed.indexOf("=== rules reloaded: "));
            String after = printed.substring(printed.indexOf("=== rules reloaded: "));
            assertThat(before).contains("+2.0  " + RULE).doesNotContain("+1.2  " + RULE);
            assertThat(after).contains("+1.2  " + RULE).contains("What to do first");
            String version = between(after, "(version ", ")");
            assertThat(version).hasSize(12).isNotEqualTo(between(err.toString(), "rules: " + rules + " (version ", ","));

            assertThat(code).as("the last round: a refused edit").isEqualTo(ExitCode.BAD_RULES);
            assertThat(err.toString()).contains(drl + ":").contains("the last good rules (version " + version + ") keep serving");
            assertThat(after.indexOf("=== rules reloaded: ", 1)).as("a broken edit is no reload").isNegative();
            assertThat(printed + err).doesNotContain("\tat ").doesNotContain("internal error");
        } finally {
            cli.shutdownNow();
            assertThat(cli.awaitTermination(SECONDS, TimeUnit.SECONDS)).as("the watch ends when interrupted").isTrue();
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    @Test
    void aWatchWithoutLimitEndsWhenItsThreadIsInterrupted() throws Exception {
        var reloads = new java.util.concurrent.LinkedBlockingQueue<dev.gatewaydoctor.RulesReload>();
        var watch = new DiagnoseWatch(TestRules.diagnoser(), reloads, null, false, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), () -> ExitCode.OK);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> run = thread.submit(() -> watch.follow(ExitCode.BAD_INPUT));
            Thread.sleep(200);
            assertThat(run.isDone()).as("it waits for reloads").isFalse();
            thread.shutdownNow();
            assertThat(run.get(SECONDS, TimeUnit.SECONDS)).as("the last round's code").isEqualTo(ExitCode.BAD_INPUT);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void watchWantsFactSetFilesAndARulesDirectory() {
        assertThat(TestCli.run("diagnose", "--watch-reloads", "1", SAMPLE).code()).isEqualTo(ExitCode.BAD_INPUT);
        TestCli.Run logs = TestCli.run("diagnose", "--watch", "--rules", "rules", "--log", "nginx-error=x.log");
        assertThat(logs.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(logs.err()).contains("--watch diagnoses fact-set files again");
        assertThat(TestCli.run("diagnose", "--watch", "--rules", "rules", "-").err()).contains("standard input (-) can be read once only");
        assertThat(TestCli.run("diagnose", "--watch", "--watch-reloads", "0", "--rules", "rules", SAMPLE).code()).isEqualTo(ExitCode.BAD_INPUT);
    }
}
