package dev.gatewaydoctor;

import java.util.List;

/**
 * A fix to try, best first.
 *
 * @param score  0..1: the chance that it solves the problem, from the causes it treats and how well
 * @param causes the cause ids it addresses, the most important first
 * @param reason in words: which causes it treats and why it ranks here
 * @param steps  what to do, with the culprit the evidence names filled in
 */
public record RankedFix(int rank, String id, String title, double score, Integer seed, int effort, String risk,
                        List<String> causes, String reason, List<String> steps, String verify, String undo) {
}
