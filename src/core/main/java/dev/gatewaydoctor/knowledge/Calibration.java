package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * How far the sums of weights are trusted, from {@code calibration.yaml}: a cause whose log-odds L
 * (prior plus weights) are above even odds has confidence {@code 1 / (1 + 10^(-L / temperature))}.
 * Weights are written one rule at a time and add up as if independent; they are not quite, and sure
 * answers come out over-sure. The temperature, fitted on the real corpus's tuning slice, tempers them:
 * it changes how sure an answer is, never which cause ranks first.
 *
 * @param temperature 1 trusts the sums as written; 1.5 takes a sum of 3 for 2
 */
public record Calibration(double temperature) {

    public static final Calibration NONE = new Calibration(1.0);

    static Calibration read(Map<String, String> files, List<RuleProblem> problems) {
        if (!files.containsKey("calibration.yaml")) return NONE;
        YamlDocument doc = YamlDocument.read("calibration.yaml", files, problems);
        if (doc == null) return NONE;
        JsonNode t = doc.root().get("temperature");
        if (t == null || !t.isNumber() || t.asDouble() < 0.5 || t.asDouble() > 4) {
            problems.add(doc.problem("/temperature", "expected \"temperature\": a number from 0.5 to 4 (1 trusts the weights' sums as written)"));
            return NONE;
        }
        return new Calibration(t.asDouble());
    }
}
