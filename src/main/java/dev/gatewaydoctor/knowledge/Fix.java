package dev.gatewaydoctor.knowledge;

import java.util.List;
import java.util.Map;

/**
 * A fix method, as {@code rules/fixes.yaml} describes it.
 *
 * @param seed    the method's number in the seed article (1-10), or null for fixes the article lacks
 * @param effort  1 (wait and reload) .. 9 (move host): orders fixes that evidence cannot tell apart
 * @param treats  cause id to how well this fix treats it, 0..1 (1: it removes the cause)
 * @param steps   what to do, in order; "{culprit}" or "{culprit|words}" stand for what the evidence names
 */
public record Fix(String id, String title, Integer seed, int effort, String risk, Map<String, Double> treats,
                  List<String> steps, String verify, String undo) {
}
