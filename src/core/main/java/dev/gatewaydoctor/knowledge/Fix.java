package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.facts.Site;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A fix method, as {@code rules/fixes.yaml} describes it.
 *
 * @param seed     the method's number in the seed article (1-10), or null for fixes the article lacks
 * @param effort   1 (wait and reload) .. 9 (move host): orders fixes that evidence cannot tell apart
 * @param treats   cause id to how well this fix treats it, 0..1 (1: it removes the cause)
 * @param steps    what to do, in order; "{culprit}" or "{culprit|words}" stand for what the evidence names
 * @param variants steps for a stack (Docker, Kubernetes, a panel, a managed host) or for the kind of change
 *                 the evidence names; the first that fits replaces {@code steps}
 * @param culpritOf the causes whose culprit may fill "{culprit}"; empty: any cause the fix treats
 * @param unless    the sites the fix makes no sense for, as a "when" of logs.yaml ({@code listed:
 *                  [apps-not-on-php]}: no PHP to restart); they are not offered it. Empty for none
 * @param inVainFor the causes this fix, tried in vain, says nothing against: they include a state the fix
 *                  cannot take (a PHP-FPM that cannot start stays down through a restart). Empty for none
 */
public record Fix(String id, String title, Integer seed, int effort, String risk, Map<String, Double> treats,
                  List<String> steps, String verify, String undo, List<Variant> variants, List<String> culpritOf,
                  Map<String, List<String>> unless, List<String> inVainFor) {

    public Fix {
        variants = variants == null ? List.of() : List.copyOf(variants);
        culpritOf = culpritOf == null ? List.of() : List.copyOf(culpritOf);
        unless = unless == null ? Map.of() : Map.copyOf(unless);
        inVainFor = inVainFor == null ? List.of() : List.copyOf(inVainFor);
    }

    public Fix(String id, String title, Integer seed, int effort, String risk, Map<String, Double> treats,
               List<String> steps, String verify, String undo, List<Variant> variants, List<String> culpritOf) {
        this(id, title, seed, effort, risk, treats, steps, verify, undo, variants, culpritOf, Map.of(), List.of());
    }

    public Fix(String id, String title, Integer seed, int effort, String risk, Map<String, Double> treats,
               List<String> steps, String verify, String undo) {
        this(id, title, seed, effort, risk, treats, steps, verify, undo, List.of(), List.of());
    }

    /** Whether the fix makes sense for this site (its {@code unless} does not fit it). */
    public boolean offeredTo(Site site, java.util.Set<String> lists) {
        return unless.isEmpty() || !LogRequest.fits(unless, site, lists);
    }

    /**
     * The cause whose culprit fills "{culprit}", of the causes behind this fix's score: the one it treats
     * best among those {@code culpritOf} allows; null when it allows none of them. A template such as
     * "wp plugin update {culprit|PLUGIN}" needs a plugin's slug, and the cause a fix treats best is not
     * always one whose evidence names a plugin (a worker crash names a signal).
     */
    public String culpritCause(Collection<String> causes) {
        // Stream.max keeps the first of equals: the causes come strongest contribution first.
        return causes.stream().filter(c -> culpritOf.isEmpty() || culpritOf.contains(c))
                .max(Comparator.comparingDouble(c -> treats.getOrDefault(c, 0.0))).orElse(null);
    }

    /**
     * Steps for a situation. {@code when} maps site fields (webServer, proxy, cdn, hosting, app) to values
     * (a field matches when it contains one); {@code changes} lists event kinds, one of which must be the
     * change the evidence names; {@code causes} lists causes, one of which must be the cause the fix is
     * ranked for (one fix treats several causes, and each needs its own words). All must hold when given.
     */
    public record Variant(Map<String, List<String>> when, List<String> changes, List<String> causes, List<String> steps) {

        public Variant {
            causes = causes == null ? List.of() : List.copyOf(causes);
        }

        boolean fits(Site site, java.util.Set<String> lists, List<String> changeKinds, String cause) {
            if (!changes.isEmpty() && (changeKinds.isEmpty() || !changes.contains(changeKinds.get(0)))) return false;
            if (!causes.isEmpty() && (cause == null || !causes.contains(cause))) return false;
            return LogRequest.fits(when, site, lists);
        }
    }

    /**
     * The steps for this site, change and cause: the first variant that fits, else the general steps.
     *
     * @param lists       the names lists that hold one of the site's names (Knowledge.listsNaming)
     * @param changeKinds the kinds of the changes the evidence names, nearest before the errors first
     * @param cause       the cause the fix is ranked for (its strongest contribution), or null
     */
    public List<String> stepsFor(Site site, java.util.Set<String> lists, List<String> changeKinds, String cause) {
        return variants.stream().filter(v -> v.fits(site, lists, changeKinds, cause)).map(Variant::steps).findFirst().orElse(steps);
    }
}
