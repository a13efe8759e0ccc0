package dev.gatewaydoctor.facts;

import java.util.List;

/**
 * What a correct diagnosis shows, for replaying samples. A null list was not given (not checked);
 * an empty {@code causes} list means no cause may reach confidence 0.5.
 */
public record Expectation(List<String> causes, List<String> fixes, List<String> notCauses, String culprit) {
}
