package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.facts.Site;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The log that settles most for a stack, from {@code rules/logs.yaml}: asked for first when no log was
 * given and the answer is inconclusive.
 *
 * @param when     site field (webServer, proxy, cdn, hosting, app, panel, or listed: names lists) to the values it
 *                 matches; empty matches any site
 * @param statuses gateway statuses it matches (Cloudflare's 52x: the origin's log), empty for any
 * @param question what to ask
 * @param howTo    the commands or clicks that print it
 * @param effort   seconds, minutes or host, as for checks
 */
public record LogRequest(Map<String, List<String>> when, List<Integer> statuses, String question, List<String> howTo, String effort) {

    /**
     * @param lists the names lists that hold one of the site's names (Knowledge.listsNaming)
     */
    public boolean matches(Site site, java.util.Set<String> lists, List<Integer> seen) {
        if (!statuses.isEmpty() && seen.stream().noneMatch(statuses::contains)) return false;
        return fits(when, site, lists);
    }

    /**
     * Whether a site fits a "when" of logs.yaml, of a fix's stepsFor or of a check: each site field named
     * contains one of its values, and "listed" names a names list that holds one of the site's names
     * ({@code listed: [apps-not-on-php]}: the application does not run on PHP).
     */
    public static boolean fits(Map<String, List<String>> when, Site site, java.util.Set<String> lists) {
        for (var e : when.entrySet()) {
            if (e.getKey().equals(LISTED)) {
                if (e.getValue().stream().noneMatch(lists::contains)) return false;
                continue;
            }
            String value = field(site, e.getKey());
            if (value == null || e.getValue().stream().noneMatch(v -> value.toLowerCase(Locale.ROOT).contains(v.toLowerCase(Locale.ROOT)))) return false;
        }
        return true;
    }

    /** The condition on the names lists that hold the site's names, beside the site's fields. */
    public static final String LISTED = "listed";

    static String field(Site site, String name) {
        return switch (name) {
            case "webServer" -> site.webServer();
            case "proxy" -> site.proxy();
            case "cdn" -> site.cdn();
            case "hosting" -> site.hosting();
            case "app" -> site.app();
            case "panel" -> site.panel();
            default -> null;
        };
    }

    static final List<String> FIELDS = List.of("webServer", "proxy", "cdn", "hosting", "app", "panel", LISTED);
}
