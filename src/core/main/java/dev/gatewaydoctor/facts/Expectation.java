package dev.gatewaydoctor.facts;

import java.util.List;

/**
 * What a correct diagnosis shows, for replaying samples. A null list was not given (not checked);
 * an empty {@code causes} list means no cause may reach confidence 0.5.
 *
 * @param alsoProbable causes that must reach confidence 0.5 beside the first (several causes true at once);
 *                     an extension of the format, optional
 * @param tags         what the sample demonstrates (hard, competing, near-miss, healthy-control, seed-order,
 *                     gateway-family); an extension of the format, optional
 */
public record Expectation(List<String> causes, List<String> fixes, List<String> notCauses, String culprit,
                          List<String> alsoProbable, List<String> tags) {

    public Expectation(List<String> causes, List<String> fixes, List<String> notCauses, String culprit) {
        this(causes, fixes, notCauses, culprit, null, null);
    }

    public List<String> tagsOrEmpty() {
        return tags == null ? List.of() : tags;
    }
}
