package dev.gatewaydoctor.knowledge;

import java.util.List;

/**
 * A check a person can make, as {@code rules/checks.yaml} describes it: the observation its answer
 * becomes, the question, how to find the answer, and the answers worth comparing.
 *
 * @param observation the observation name the answer is recorded under
 * @param howTo       the exact commands or clicks
 * @param answer      "yes-no" or "number"
 * @param values      for a number, the answers worth comparing (none for yes-no)
 * @param aliases     other names people give the same observation ("works-in-incognito"); a fact under
 *                    an alias reaches the rules under {@code observation}
 * @param opposites   names people give the other answer of a yes-no check ("cli-succeeds" for
 *                    "cli-also-crashes"): a fact under one reaches the rules under {@code observation}, with the
 *                    other answer
 * @param effort      what answering costs: seconds (a click, a curl), minutes (a shell on the server, a
 *                    log), host (only the host can answer); checks are ordered by gain per effort
 * @param when        the sites the question makes sense for, as a "when" of logs.yaml ({@code app: [wordpress]}
 *                    for "Does /wp-admin load?"; a site that names no app is WordPress); empty for any
 * @param unless      the sites it makes no sense for, in the same terms ({@code listed: [apps-not-on-php]}: no
 *                    PHP-FPM socket to ask about); empty for none
 */
public record Check(String observation, String question, List<String> howTo, String answer, List<Double> values, List<String> aliases,
                    List<String> opposites, String effort, java.util.Map<String, List<String>> when, java.util.Map<String, List<String>> unless) {

    public static final List<String> EFFORTS = List.of("seconds", "minutes", "host");

    public Check {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        opposites = opposites == null ? List.of() : List.copyOf(opposites);
        effort = effort == null ? "minutes" : effort;
        when = when == null ? java.util.Map.of() : java.util.Map.copyOf(when);
        unless = unless == null ? java.util.Map.of() : java.util.Map.copyOf(unless);
    }

    /**
     * Whether the question makes sense for this site: it fits {@code when} and not {@code unless}.
     *
     * @param lists the names lists that hold one of the site's names (Knowledge.listsNaming)
     */
    public boolean asksAbout(dev.gatewaydoctor.facts.Site site, java.util.Set<String> lists) {
        return LogRequest.fits(when, site, lists) && (unless.isEmpty() || !LogRequest.fits(unless, site, lists));
    }

    /** The cost an answer takes, relative: seconds 1, minutes 2, host 4 (docs/next-checks.md). */
    public static double cost(String effort) {
        return switch (effort) {
            case "seconds" -> 1;
            case "host" -> 4;
            default -> 2;
        };
    }

    public boolean yesNo() {
        return "yes-no".equals(answer);
    }
}
