package dev.gatewaydoctor.knowledge;

import java.util.List;

/**
 * A check a person can make, as {@code rules/checks.yaml} describes it: the observation its answer
 * becomes, the question, how to find the answer, and the answers worth comparing.
 *
 * @param observation the observation name the answer is recorded under
 * @param howTo       the exact commands or clicks
 * @param answer      "yes-no" or "number"
 * @param values      for a number, the answers worth comparing (none for yes-no)
 * @param aliases     other names people give the same observation ("works-in-incognito"); a fact under
 *                    an alias reaches the rules under {@code observation}
 */
public record Check(String observation, String question, List<String> howTo, String answer, List<Double> values, List<String> aliases) {

    public Check {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public boolean yesNo() {
        return "yes-no".equals(answer);
    }
}
