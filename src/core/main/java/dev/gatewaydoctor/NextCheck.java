package dev.gatewaydoctor;

import dev.gatewaydoctor.facts.FactSet;

import java.util.List;
import java.util.Locale;

/**
 * A check worth making next: its question, how to answer it, how much its answer would move the
 * leading causes (0..1), and what each answer would mean.
 *
 * @param gain     how much the answer would change the ranking of the leading causes, 0..1 (docs/next-checks.md)
 * @param outcomes each answer and the cause it would put first
 * @param effort   seconds, minutes or host: what answering costs (rules/checks.yaml)
 */
public record NextCheck(String observation, String question, List<String> howTo, String answerKind, double gain, List<Outcome> outcomes,
                        String effort) {

    /**
     * What an answer would mean.
     *
     * @param answer     "yes", "no", or a number
     * @param topCause   the cause it would rank first (null: none)
     * @param confidence that cause's confidence
     */
    public record Outcome(String answer, String topCause, String topCauseTitle, double confidence) {

/**
 * The answer's meaning in words.
 *
 * @return the cause it would put first, with its confidence, or that none stands out
 */
        public String meaning() {
            return topCause == null ? "no cause stands out" : String.format(Locale.ROOT, "%s (%.2f)", topCauseTitle, confidence);
        }
    }

    /**
     * The fact set with this check's answer added as an observation, to diagnose again.
     *
     * @param facts  the fact set diagnosed
     * @param answer "yes"/"y", "no"/"n", or a number, as a person types it
     * @return the fact set with the answer
     * @throws IllegalArgumentException when the answer is not of the kind the check asks for
     */
    public FactSet answer(FactSet facts, String answer) {
        java.util.Objects.requireNonNull(facts, "facts");
        java.util.Objects.requireNonNull(answer, "answer");
        return facts.with(dev.gatewaydoctor.checks.Answers.observation(observation, answerKind, answer));
    }
}
