package dev.gatewaydoctor.robustness;

import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.recognition.LogRecognizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines built to make regular expressions backtrack: long runs of what a pattern's bounded classes
 * accept, the words that open every family repeated, unclosed quotes and parentheses, and for every
 * family of rules/families (those added later too) its words and its longest fixture line repeated to the cut.
 * Families' patterns run on RE2/J and lines are read up to LogRecognizer.MAX_LINE, so the work per line
 * is linear in its length: each line is held to a limit a hundred times what it needs, and the time
 * must grow no faster than the line.
 */
class HostileLinesTest {

    private static final LogRecognizer RECOGNIZER = dev.gatewaydoctor.TestRules.recognizer();

    /** Every family's opening words, so that every regex runs on the line. */
    private static final String ALL_WORDS = "connect() upstream could not be resolved host not found AH01067 AH00957 [pool www] child 1 "
            + "ERROR: fpm FastCGI Process Manager Fatal error: PHP message: database connections MySQL HY000 SQLSTATE got signal InnoDB "
            + "mysqld out of memory oom-kill segfault No space left 28 Disk full avc: timed out prematurely failed ( upstream sent SSL "
            + "max_children seems busy execution timed out exited on signal invoked oom-killer ";

    static List<String> hostile(int length) {
        var lines = new ArrayList<String>();
        lines.add(repeat("a", length));
        lines.add(repeat(" ", length) + "x");
        lines.add(repeat("(", length));
        lines.add(repeat("\"", length));
        lines.add(repeat(":", length));
        lines.add(repeat("9", length));
        lines.add(repeat("/a", length / 2));
        lines.add(repeat(ALL_WORDS, length));
        lines.add("connect() to " + repeat("a", length) + " failed (111: ");
        lines.add(repeat("x", length) + " could not be resolved (3: Host not found)");
        lines.add(repeat("PHP message: PHP Fatal error:  ", length));
        lines.add("PHP Fatal error:  Uncaught Error: " + repeat(" in /var/www/a", length / 14));
        lines.add(repeat("upstream: \"", length));
        lines.add(repeat("[pool ", length));
        lines.add("avc:  denied  { " + repeat("a ", length / 2));
        lines.add(repeat("a[1]: segfault at ", length));
        lines.add(repeat("Allowed memory size of 1 bytes exhausted (tried to allocate ", length));
        lines.add(repeat("(HY000/1040): ", length));
        lines.add(repeat("2024/03/01 12:04:17 [01-Mar-2024 12:04:17] ", length));
        lines.add(repeat("child 1, script '", length));
        lines.add(repeat("oom-kill:constraint=CONSTRAINT_NONE,", length));
        for (var family : RECOGNIZER.families()) {
            lines.add(repeat(String.join(" ", family.words()) + " ", length));
            // Its longest line, repeated: the most of what its patterns accept.
            family.fixtures().stream().map(f -> f.line()).max(java.util.Comparator.comparingInt(String::length))
                    .ifPresent(l -> lines.add(repeat(l + " ", length)));
        }
        return lines;
    }

    private static String repeat(String s, int length) {
        return s.repeat(Math.max(1, length / s.length() + 1)).substring(0, length);
    }

    private static double bestSeconds(String line) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            RECOGNIZER.recognize(new LogLine("other", line, null));
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    @Test
    void everyHostileLineIsReadWithinTheTimeLimit() {
        for (String line : hostile(4 * LogRecognizer.MAX_LINE)) { // four times the cut, to check the cut too
            double seconds = bestSeconds(line);
            assertThat(seconds).as("seconds for a hostile line starting %s", line.substring(0, Math.min(40, line.length())))
                    .isLessThan(1.0);
        }
    }

    @Test
    void theWorkGrowsLinearlyWithTheLine() {
        List<String> shortLines = hostile(LogRecognizer.MAX_LINE / 16);
        List<String> longLines = hostile(LogRecognizer.MAX_LINE / 2);
        double shortTotal = 0;
        double longTotal = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up the regexes
            shortTotal = 0;
            longTotal = 0;
            for (String l : shortLines) shortTotal += bestSeconds(l);
            for (String l : longLines) longTotal += bestSeconds(l);
        }
        // Eight times the length: linear work is about 8x; quadratic would be 64x.
        assertThat(longTotal / shortTotal).as("long/short time, %.4f s against %.4f s", longTotal, shortTotal).isLessThan(24);
    }
}
