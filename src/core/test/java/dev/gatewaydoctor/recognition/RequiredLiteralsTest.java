package dev.gatewaydoctor.recognition;

import dev.gatewaydoctor.TestRules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The literal text a pattern's matches must contain: only what is certain, so that no line that matches is skipped. */
class RequiredLiteralsTest {

    @Test
    void theTextBetweenGroupsClassesAndQuantifiedAtomsIsRequired() {
        assertThat(RequiredLiterals.of("\"(?<request>POST /{1,2}(?:[^\\s\"?]{1,200}/)?(?:xmlrpc|wp-login)\\.php)(?:\\?[^\\s\"]{0,1000})? HTTP/[0-9.]{1,3}\" (?<status>\\d{3}) "))
                .containsExactly("POST ", ".php", " HTTP/", "\" ");
        assertThat(RequiredLiterals.of("connect\\(\\) (?:to (?<upstream>\\S{1,512}) )?failed \\((?<errno>\\d{1,5}): (?<errnoMeaning>[^)]{0,80})\\)"))
                .containsExactly("connect() ", "failed (", ": ");
        assertThat(RequiredLiterals.of("\\bPOST \"(?<path>/x)\"")).containsExactly("POST \"", "/x");
    }

    @Test
    void whatMayBeAbsentIsNotRequired() {
        // A quantified literal, a top-level alternation, flags, text inside a group that may be skipped or repeated.
        assertThat(RequiredLiterals.of("upstreams? timed out")).containsExactly("upstream", " timed out");
        assertThat(RequiredLiterals.of("refused|reset by peer")).isEmpty();
        assertThat(RequiredLiterals.of("(?i)out of memory")).isEmpty();
        assertThat(RequiredLiterals.of("(?:segfault at)? ip")).containsExactly(" ip");
        assertThat(RequiredLiterals.of("a.b\\d+cd")).containsExactly("cd");
        assertThat(RequiredLiterals.of("x{2,}yz[]a]bc")).containsExactly("yz", "bc");
        // A group every match passes through once requires what its body requires; one with alternatives, nothing.
        assertThat(RequiredLiterals.of("(?<detail>SSL_do_handshake\\(\\) failed \\([^)]{0,200}\\) while SSL handshaking to upstream)"))
                .containsExactly("SSL_do_handshake() failed (", ") while SSL handshaking to upstream");
        // Alternatives that are not all plain text: what they all begin with.
        assertThat(RequiredLiterals.of("(?<detail>upstream sent too big|upstream sent (?:no|a))")).containsExactly("upstream sent ");
        assertThat(RequiredLiterals.of("(?<d>upstream sent v: \\d{1,5}|upstream sent no valid HTTP/1\\.[01] header)")).containsExactly("upstream sent ");
        assertThat(RequiredLiterals.of("x (?:ab?c|abd)")).containsExactly("x a");
        assertThat(RequiredLiterals.of("x (?:[ab]c|ad)")).containsExactly("x ");
        assertThat(RequiredLiterals.of("(?:ab|a(?:b|c)d|x)")).isEmpty();
        assertThat(RequiredLiterals.of("(?:abc|ab\\|d)")).containsExactly("ab");
        // Alternatives of plain text: what they all begin with ends the run before, what they all end with starts the next.
        assertThat(RequiredLiterals.of("failed \\((?:61|10061): (?<m>[^)]+)")).containsExactly("failed (", "61: ");
        assertThat(RequiredLiterals.of("upstream (?:sent too big|sent no) header")).containsExactly("upstream sent ", " header");
        assertThat(RequiredLiterals.of("a(?:b|c)d")).isEmpty(); // "a", "d": shorter than two
        assertThat(RequiredLiterals.of("ab(?:cd|cd)ef")).containsExactly("abcdef");
        assertThat(RequiredLiterals.of("ab(?:|x)cd")).containsExactly("ab", "cd");
        assertThat(RequiredLiterals.of("(?:ab(?:cd)?ef)gh")).containsExactly("ab", "ef", "gh");
        assertThat(RequiredLiterals.of("(?:abc)+de(?:fg){2}")).containsExactly("de");
        assertThat(RequiredLiterals.of("a(b[)]c)d")).isEmpty(); // a lone "b", "c": shorter than two
        assertThat(RequiredLiterals.of("(unclosed")).isEmpty();
    }

    @Test
    void everyLineAPatternMatchesHoldsItsRequiredText() throws java.io.IOException {
        // Every pattern (also and classify too), on every fixture, sample and corpus line and PHP message.
        var texts = new ArrayList<String>();
        for (Family f : TestRules.recognizer().families()) for (Family.Fixture x : f.fixtures()) texts.add(LogRecognizer.normalize(x.line()));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (var files = java.nio.file.Files.walk(TestRules.SAMPLES)) {
            for (var file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                json.readTree(file.toFile()).findValues("line").forEach(v -> {
                    if (v.isTextual()) texts.add(LogRecognizer.normalize(v.asText()));
                });
            }
        }
        for (String t : List.copyOf(texts)) if (t.contains("PHP message: ")) texts.addAll(LogRecognizer.phpMessages(t));
        var patterns = new ArrayList<LinePattern>();
        for (Family f : TestRules.recognizer().families()) {
            f.patterns().forEach(a -> patterns.add(a.pattern()));
            f.also().forEach(a -> patterns.add(a.pattern()));
            f.classify().forEach(c -> patterns.add(c.when()));
        }
        var missed = new ArrayList<String>();
        int matched = 0;
        for (LinePattern p : patterns) {
            for (String line : texts) {
                if (p.find(line) == null) continue;
                matched++;
                if (!p.mayMatch(line)) missed.add(p.regex() + " requires " + p.required() + " of " + line);
            }
        }
        assertThat(matched).as("lines matched by a pattern").isGreaterThan(1_000);
        assertThat(missed).isEmpty();
    }

    private static int lead(String regex) {
        return RequiredLiterals.leadWidth(regex, RequiredLiterals.of(regex));
    }

    // What every match holds before its first required literal, when it is fixed: a search may start that far before it.
    @Test
    void theWidthBeforeTheFirstLiteralWhenEveryMatchHasTheSame() {
        assertThat(lead("[Ww]aiting for (?:the )?(?<p>SQL|db)")).isEqualTo(1);
        assertThat(lead("\\bdial (?:tcp|unix) (?<u>\\S+)")).isZero();
        assertThat(lead("\\d\\d:\\d\\d \\[error\\] x")).isEqualTo(5);
        assertThat(lead("\\d\\d:\\d\\d [error] x")).isEqualTo(7); // [error] is a class: one character
        assertThat(lead("^a\\.b")).isZero();
        assertThat(lead("x[ab]yz")).isEqualTo(2); // "x" alone is too short to be the literal: "yz" is, two characters in
        assertThat(lead("\\d+ failed")).isEqualTo(-1);
        assertThat(lead("(?:a|b) failed")).isEqualTo(-1);
        assertThat(lead("ab?cd")).isEqualTo(-1); // "a" is too short to count, and "cd" moves with the optional "b"
        assertThat(lead("(?i)abc")).isEqualTo(-1);
    }
}
