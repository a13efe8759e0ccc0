package dev.gatewaydoctor.recognition;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.TestRules;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class LinePatternTest {

    @Test
    void syntaxTheEnginesReadDifferentlyRunsOnRe2Only() {
        assertThat(LinePattern.compile("upstream timed out \\((?<errno>\\d{1,5})\\)").runsOnJavaRegex()).isTrue();
        LinePattern classes = LinePattern.compile("(?<upstreamUrl>x)(?i:y)[]a][^]b]");
        assertThat(classes.runsOnJavaRegex()).isTrue();
        for (String text : List.of("xy]c", "xYaa", "xy]]", "xyab", "xy")) assertThat(classes.agreesOn(text)).as(text).isTrue();
        // Word boundaries know Unicode letters in java 17, ASCII ones in RE2: java reads ASCII text only.
        LinePattern boundaries = LinePattern.compile("\\bdisk\\b");
        assertThat(boundaries.runsOnJavaRegex()).isTrue();
        assertThat(boundaries.find("no space left on disk").start()).isEqualTo(17);
        assertThat(boundaries.find("rdisk")).isNull();
        assertThat(boundaries.find("\u00e9disk \u00e9t\u00e9").start()).as("RE2: an accented letter is no word character").isEqualTo(1);
        // (?U) is ungreedy in RE2, Unicode classes in java.
        assertThat(LinePattern.compile("(?U)a+").runsOnJavaRegex()).isFalse();
        // A '[' or "&&" inside a class nests or intersects in java; RE2 reads plain characters.
        assertThat(LinePattern.compile("[a[b]c]").runsOnJavaRegex()).isFalse();
        assertThat(LinePattern.compile("[a-z&&b]").runsOnJavaRegex()).isFalse();
        assertThat(LinePattern.compile("\\pL+").runsOnJavaRegex()).isFalse();
        // What a repeated group captured differs when a repetition can match nothing, and java repeats a
        // group one call deeper each time: a long line would overflow its stack. An optional group is fine.
        assertThat(LinePattern.compile("(?:a|aa)*b").runsOnJavaRegex()).isFalse();
        assertThat(LinePattern.compile("(?:ab){2,}").runsOnJavaRegex()).isFalse();
        assertThat(LinePattern.compile("(?:[^()]|\\([^()]{0,40}\\)){0,160}").runsOnJavaRegex()).isFalse();
        assertThat(LinePattern.compile("x(?: (?<detail>while [a-z ]{1,60}? upstream))?").runsOnJavaRegex()).isTrue();
        // RE2 reads "{x}" as text; java refuses it, so RE2/J runs it.
        LinePattern braces = LinePattern.compile("set {x} here");
        assertThat(braces.runsOnJavaRegex()).isFalse();
        assertThat(braces.find("we set {x} here").start()).isEqualTo(3);
    }

    @Test
    void groupsAndPlaceAreRe2s() {
        LinePattern p = LinePattern.compile("connect\\(\\) (?:to (?<upstream>\\S+) )?failed \\((?<errno>\\d+): (?<meaning>[^)]*)\\)");
        String line = "2024/03/01 12:04:17 [error] 1187#1187: *88231 connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable)";
        LinePattern.Match m = p.find(line);
        assertThat(m.group("upstream")).isEqualTo("unix:/run/php/php8.2-fpm.sock");
        assertThat(m.group("errno")).isEqualTo("11");
        assertThat(m.group("meaning")).isEqualTo("Resource temporarily unavailable");
        assertThat(m.group("nothing")).isNull();
        assertThat(line.substring(m.start(), m.end())).startsWith("connect() to").endsWith("unavailable)");
        assertThat(p.find("connect() failed")).isNull();
    }

    @Test
    void aVerticalTabIsReadTheRe2Way() {
        // java's \s takes a vertical tab, RE2's does not.
        LinePattern p = LinePattern.compile("a\\sb");
        assertThat(p.runsOnJavaRegex()).isTrue();
        assertThat(p.find("a\u000Bb")).isNull();
        assertThat(p.find("a b")).isNotNull();
    }

    @Test
    void aPatternThatBacktracksIsFinishedByRe2() {
        // Exponential for a backtracking engine on a line of a's without the b; linear for RE2/J.
        LinePattern p = LinePattern.compile("a{0,200}a{0,200}a{0,200}a{0,200}b");
        assertThat(p.runsOnJavaRegex()).isTrue();
        String line = "a".repeat(5_000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThat(p.find(line)).isNull());
        assertThat(p.find(line + "b").start()).isEqualTo(4_200);
    }

    /**
     * Random patterns built from what families use (classes, literals, bounded and lazy repetition,
     * optional and alternative groups, named groups, anchors) on random short texts: wherever a pattern
     * runs on java.util.regex first, both engines give the same match and groups. Repeated groups, where
     * they do not, are left to RE2/J by the syntax check; this finds any other construct that would need it.
     */
    @Test
    void theEnginesAgreeOnRandomPatternsOfTheFamiliesConstructs() {
        var random = new java.util.Random(20261130);
        var differ = new ArrayList<String>();
        int onJava = 0;
        for (int t = 0; t < 30_000; t++) {
            String regex = RandomPattern.alternation(random, 0);
            LinePattern p;
            try {
                p = LinePattern.compile(RandomPattern.numberGroups(regex));
            } catch (com.google.re2j.PatternSyntaxException notRe2) {
                continue;
            }
            if (!p.runsOnJavaRegex()) continue;
            onJava++;
            for (int s = 0; s < 6; s++) {
                String text = RandomPattern.text(random);
                if (!p.agreesOn(text)) differ.add(p.regex() + "  on  '" + text + "'");
            }
        }
        assertThat(onJava).isGreaterThan(5_000);
        assertThat(differ).isEmpty();
    }

    /** Random patterns over a few characters, for the test above. */
    private static final class RandomPattern {
        private static final String[] ATOMS = {"a", "b", " ", "[ab]", "[^a]", "\\s", "\\S", "\\d", ".", "\\(", "ab", "\\b", "\\B"};
        private static final String[] QUANTIFIERS = {"", "", "?", "??", "*", "+", "*?", "{0,3}", "{1,2}", "{1,3}?"};

        static String alternation(java.util.Random r, int depth) {
            int n = 1 + r.nextInt(2);
            var parts = new ArrayList<String>();
            for (int i = 0; i < n; i++) parts.add(sequence(r, depth));
            return String.join("|", parts);
        }

        static String sequence(java.util.Random r, int depth) {
            var out = new StringBuilder();
            if (depth == 0 && r.nextInt(8) == 0) out.append('^');
            for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                int k = r.nextInt(depth > 2 ? 2 : 5);
                if (k == 0) out.append(ATOMS[r.nextInt(ATOMS.length)]).append(QUANTIFIERS[r.nextInt(QUANTIFIERS.length)]);
                else if (k == 1) out.append(ATOMS[r.nextInt(ATOMS.length)]);
                else if (k == 2) out.append("(?<g>").append(alternation(r, depth + 1)).append(')').append(r.nextBoolean() ? "?" : "");
                else if (k == 3) out.append("(?:").append(alternation(r, depth + 1)).append(")").append(r.nextBoolean() ? "??" : "");
                else out.append("(?:").append(alternation(r, depth + 1)).append(")").append(QUANTIFIERS[r.nextInt(QUANTIFIERS.length)]);
            }
            if (depth == 0 && r.nextInt(8) == 0) out.append('$');
            return out.toString();
        }

        /** Each (?<g> gets its own name. */
        static String numberGroups(String regex) {
            var out = new StringBuilder();
            int at = 0;
            int n = 0;
            for (int i = regex.indexOf("(?<g>"); i >= 0; i = regex.indexOf("(?<g>", at)) {
                out.append(regex, at, i).append("(?<g").append(n++).append('>');
                at = i + 5;
            }
            return out.append(regex.substring(at)).toString();
        }

        static String text(java.util.Random r) {
            String chars = "ab a(1";
            var out = new StringBuilder();
            for (int i = 0, n = r.nextInt(8); i < n; i++) out.append(chars.charAt(r.nextInt(chars.length())));
            return out.toString();
        }
    }

    /**
     * Every pattern of rules/families, on every line the project holds (fixtures, samples, the real
     * corpus): java.util.regex gives what RE2/J gives.
     */
    @Test
    void theEnginesAgreeOnEveryPatternAndEveryKnownLine() throws IOException {
        var texts = new ArrayList<String>();
        for (Family f : TestRules.recognizer().families()) {
            for (Family.Fixture fx : f.fixtures()) texts.add(LogRecognizer.normalize(fx.line()));
        }
        var json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(TestRules.SAMPLES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                json.readTree(file.toFile()).findValues("line").forEach(v -> {
                    if (v.isTextual()) texts.add(LogRecognizer.normalize(v.asText()));
                });
            }
        }
        var units = new ArrayList<String>(texts);
        for (String t : texts) if (t.contains("PHP message: ")) units.addAll(LogRecognizer.phpMessages(t));
        assertThat(units).hasSizeGreaterThan(700);

        var patterns = new ArrayList<LinePattern>();
        for (Family f : TestRules.recognizer().families()) {
            f.patterns().forEach(a -> patterns.add(a.pattern()));
            f.also().forEach(a -> patterns.add(a.pattern()));
            f.classify().forEach(c -> patterns.add(c.when()));
        }
        long onJava = patterns.stream().filter(LinePattern::runsOnJavaRegex).count();
        assertThat(onJava).as("patterns that run on java.util.regex first").isGreaterThan(patterns.size() * 3 / 4);
        var differ = new ArrayList<String>();
        for (LinePattern p : patterns) {
            for (String u : units) if (!p.agreesOn(u)) differ.add(p.regex() + "  on  " + u);
        }
        assertThat(differ).isEmpty();
    }
}
