package dev.gatewaydoctor.engine;

import java.time.Instant;

/**
 * When the trouble began, as far as the facts tell: the earliest time among gateway errors and
 * recognised error lines. The engine inserts it only when some such fact has a time.
 *
 * @param at     the earliest time
 * @param seenIn the fact that shows it
 */
public record Onset(Instant at, String seenIn) {
}
