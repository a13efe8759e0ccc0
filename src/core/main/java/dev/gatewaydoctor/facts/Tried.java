package dev.gatewaydoctor.facts;

import java.time.Instant;
import java.util.List;

/**
 * A fix of the catalog that was tried before asking, and what happened. Most people arrive after
 * trying part of a checklist: a fix that did not help speaks against the causes it treats.
 *
 * @param fix     a fix id of {@code rules/fixes.yaml}
 * @param outcome one of {@link #OUTCOMES}
 */
public record Tried(String fix, String outcome, Instant at) implements Fact {

    /** fixed: the error stopped; no-change; helped-for-a-while: it came back; worse. */
    public static final List<String> OUTCOMES = List.of("fixed", "no-change", "helped-for-a-while", "worse");

    @Override
    public String describe() {
        return "tried " + fix + ": " + outcome + (at == null ? "" : " at " + at);
    }
}
