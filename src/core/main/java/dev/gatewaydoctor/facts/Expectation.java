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

/**
 * An expectation without the format's extensions.
 *
 * @param causes    causes of which one must rank first, or null
 * @param fixes     fixes of which one must rank first, or null
 * @param notCauses causes that must not rank first, or null
 * @param culprit   text the first cause must name, or null
 */
    public Expectation(List<String> causes, List<String> fixes, List<String> notCauses, String culprit) {
        this(causes, fixes, notCauses, culprit, null, null);
    }

/**
 * The tags.
 *
 * @return the tags, empty when none were given
 */
    public List<String> tagsOrEmpty() {
        return tags == null ? List.of() : tags;
    }
}
