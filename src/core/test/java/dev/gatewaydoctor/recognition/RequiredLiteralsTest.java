package dev.gatewaydoctor.recognition;

import dev.gatewaydoctor.TestRules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The literal text a pattern's matches must contain: only what is certain, so that no line that matches is skipped. */
class RequiredLiteralsTest {

    @Test
    void theTextBetweenGroupsClassesAndQuantifiedAtomsIsRequired() {
        assertThat(RequiredLiterals.of("\"(?<request>POST /{1,2}(?:[^\\s\"?]{1,200}/)?(?:xmlrpc|wp-login)\\.php)(?:\\?[^\\s\"]{0,1000})? HTTP/[0-9.]{1,3}\" (?<status>\\d{3}) "))
                .containsExactly(" HTTP/", "\" ");
        assertThat(RequiredLiterals.of("connect\\(\\) (?:to (?<upstream>\\S{1,512}) )?failed \\((?<errno>\\d{1,5}): (?<errnoMeaning>[^)]{0,80})\\)"))
                .containsExactly("connect() ", "failed (", ": ");
        assertThat(RequiredLiterals.of("\\bPOST \"(?<path>/x)\"")).containsExactly("POST \"");
    }

    @Test
    void whatMayBeAbsentIsNotRequired() {
        // A quantified literal, a top-level alternation, flags, text inside any group.
        assertThat(RequiredLiterals.of("upstreams? timed out")).containsExactly("upstream", " timed out");
        assertThat(RequiredLiterals.of("refused|reset by peer")).isEmpty();
        assertThat(RequiredLiterals.of("(?i)out of memory")).isEmpty();
        assertThat(RequiredLiterals.of("(?:segfault at)? ip")).containsExactly(" ip");
        assertThat(RequiredLiterals.of("a.b\\d+cd")).containsExactly("cd");
        assertThat(RequiredLiterals.of("x{2,}yz[]a]bc")).containsExactly("yz", "bc");
    }

    @Test
    void everyFixtureLineAPatternMatchesHoldsItsRequiredText() {
        var missed = new ArrayList<String>();
        int matched = 0;
        for (Family f : TestRules.recognizer().families()) {
            for (Family.Alternative alt : f.patterns()) {
                for (Family.Fixture x : f.fixtures()) {
                    String line = LogRecognizer.normalize(x.line());
                    if (alt.pattern().find(line) == null) continue;
                    matched++;
                    if (!alt.mayMatch(line)) missed.add(f.id() + ": " + alt.pattern().regex() + " requires " + alt.pattern().required() + " of " + line);
                }
            }
        }
        assertThat(matched).as("fixture lines matched by a pattern").isGreaterThan(150);
        assertThat(missed).isEmpty();
    }
}
