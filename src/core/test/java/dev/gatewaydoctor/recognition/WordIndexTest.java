package dev.gatewaydoctor.recognition;

import dev.gatewaydoctor.TestRules;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class WordIndexTest {

    @Test
    void findsEveryWordATextHoldsOverlappingOrNot() {
        List<String> words = List.of("upstream", "stream", "upstream timed out", "502", "timed", "out of memory");
        WordIndex index = new WordIndex(words);
        long[] found = index.find("2024/03/01 [error] upstream timed out (110: Connection timed out) while reading");
        assertThat(bits(found, words)).containsExactly("upstream", "stream", "upstream timed out", "timed");
        assertThat(bits(index.find("\" 502 499 \"-\" café"), words)).containsExactly("502");
        assertThat(bits(index.find(""), words)).isEmpty();
    }

    @Test
    void agreesWithASearchPerWordOnEveryFixtureLineOfTheFamilies() throws Exception {
        List<String> words = TestRules.knowledge().recognizer().words();
        assertThat(words.size()).as("more words than one long holds, so that the bit set spans several").isGreaterThan(64);
        WordIndex index = new WordIndex(words);
        List<String> lines;
        try (Stream<Path> files = Files.list(TestRules.RULES.resolve("families"))) {
            lines = files.flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(lines).hasSizeGreaterThan(500);
        for (String line : lines) {
            List<String> expected = words.stream().filter(line::contains).toList();
            assertThat(bits(index.find(line), words)).as(line).containsExactlyElementsOf(expected);
        }
    }

    private static List<String> bits(long[] set, List<String> words) {
        var out = new java.util.ArrayList<String>();
        for (int i = 0; i < words.size(); i++) if ((set[i >>> 6] & (1L << (i & 63))) != 0) out.add(words.get(i));
        return out;
    }
}
