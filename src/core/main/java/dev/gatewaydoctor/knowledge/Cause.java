package dev.gatewaydoctor.knowledge;

/**
 * A root cause the knowledge can diagnose, as {@code rules/causes.yaml} describes it.
 *
 * @param prior log10 of the odds that this cause is behind a gateway error before any evidence is seen
 *              (-1 = 1 in 11, -1.5 = 1 in 33); see docs/confidence.md
 * @param buildsUp true for a cause that builds up again after it is relieved (a pool that fills, a
 *                 leak, growing load, a disk that fills): a fix that helped for a while points at it
 * @param clientSide true for a cause no server log shows (the browser's cache): while it leads, a question
 *                   about the client is asked before any log
 * @param needsAChange true for a cause that a site which worked only gets through a change (a wrong address,
 *                     a protocol, a permission, an update): with none before the errors, it is unlikely
 * @param stopsByItself true for a cause that stops a site which worked with nobody changing anything (a disk
 *                      that fills, memory that runs out, traffic that grows, a database that stops): with no
 *                      change before the errors, it is likelier
 */
public record Cause(String id, String title, double prior, String summary, boolean buildsUp, boolean clientSide,
                    boolean needsAChange, boolean stopsByItself) {
}
