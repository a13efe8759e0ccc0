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
 */
public record Check(String observation, String question, List<String> howTo, String answer, List<Double> values) {

    public boolean yesNo() {
        return "yes-no".equals(answer);
    }
}
