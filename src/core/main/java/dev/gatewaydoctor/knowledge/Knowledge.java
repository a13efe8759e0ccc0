package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;

import org.kie.api.KieBase;

import java.util.List;
import java.util.Map;

/**
 * Compiled knowledge: the rules, the causes and the fixes from one rules directory, and a version that
 * changes whenever any of their files does. Immutable, shared by every diagnosis that uses it.
 *
 * @param source  where it came from: a directory path, or "bundled"
 * @param version a content hash of every file, so that a diagnosis says which rules produced it
 * @param ruleFiles rule name to the file that holds it, relative to the rules directory
 * @param texts   every file's text by its path relative to the rules directory, for documents and checks
 * @param warnings what an author should look at, though the rules work (a cause no rules weigh yet, ...)
 * @param precompiled true when the rules were loaded as the build precompiled them, false when compiled from DRL
 * @param checks  the checks a person can make, from checks.yaml (none when the directory has no such file)
 * @param vocabulary the names rules read, and the aliases that map people's phrasings onto them
 * @param ruleGroups rule name to the evidence group it declares ({@code @group("...")}), for rules that declare one
 * @param baseRates  how often each cause was behind real incidents with each status (base-rates.yaml; may be empty)
 * @param logRequests the log that settles most, per stack, in the order they are tried (logs.yaml; may be empty)
 * @param recognizer the message families of families/*.yaml, which turn log lines into signals
 * @param lists     the named lists of lists/*.yaml (address ranges rules test addresses against)
 * @param calibration how far the sums of weights are trusted (calibration.yaml)
 * @param phrases   what people write in tickets, read as facts (phrases.yaml)
 */
public record Knowledge(String source, String version, KieBase kieBase, Map<String, Cause> causes, List<Fix> fixes,
                        Map<String, String> ruleFiles, java.util.SortedMap<String, String> texts, List<RuleProblem> warnings,
                        boolean precompiled, List<Check> checks, Vocabulary vocabulary,
                        Map<String, String> ruleGroups, BaseRates baseRates, List<LogRequest> logRequests,
                        dev.gatewaydoctor.recognition.LogRecognizer recognizer, NamedLists lists,
                        Calibration calibration, Phrases phrases) {

    /** The log to ask for first on this site: the first request of logs.yaml that matches it, or null. */
    public LogRequest logRequest(dev.gatewaydoctor.facts.Site site, List<Integer> statuses) {
        java.util.Set<String> named = listsNaming(site);
        return logRequests.stream().filter(r -> r.matches(site, named, statuses)).findFirst().orElse(null);
    }

    /** The names lists (rules/lists) that hold what the site says it runs on or behind: its app, proxy, CDN, ... */
    public java.util.Set<String> listsNaming(dev.gatewaydoctor.facts.Site site) {
        var out = new java.util.TreeSet<String>();
        namesListed(site).forEach(e -> out.add(e.getKey()));
        return out;
    }

    /**
     * What the site says it runs behind or on (its proxy, CDN, web server, hosting, panel and app, in that
     * order), each name with every names list that holds it: (list, name) pairs.
     */
    public List<Map.Entry<String, String>> namesListed(dev.gatewaydoctor.facts.Site site) {
        var out = new java.util.ArrayList<Map.Entry<String, String>>();
        for (String said : java.util.Arrays.asList(site.proxy(), site.cdn(), site.webServer(), site.hosting(), site.panel(), site.app())) {
            if (said == null) continue;
            for (String list : lists.listsHoldingName(said)) out.add(Map.entry(list, said));
        }
        return out;
    }

    /** The line where a rule begins in its file (1-based), or 0 when unknown. */
    public int ruleLine(String rule) {
        String file = ruleFiles.get(rule);
        String text = file == null ? null : texts.get(file);
        if (text == null) return 0;
        var m = RuleTextChecks.RULE_NAME.matcher(text);
        while (m.find()) if (m.group(1).equals(rule)) return RuleTextChecks.at(file, text, m.start(1), "").line();
        return 0;
    }

    /** The comment right above a rule in a rule file's text (its "//" lines, without the slashes), or "" when none or no such rule. */
    public static String commentAbove(String text, String rule) {
        if (text == null) return "";
        var m = RuleTextChecks.RULE_NAME.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(rule)) continue;
            List<String> above = text.substring(0, m.start()).lines().toList();
            var lines = new java.util.ArrayDeque<String>();
            for (int i = above.size() - 1; i >= 0 && above.get(i).strip().startsWith("//"); i--) lines.addFirst(above.get(i).strip().substring(2).strip());
            return String.join("\n", lines);
        }
        return "";
    }

    public Check check(String observation) {
        for (Check c : checks) if (c.observation().equals(observation)) return c;
        return null;
    }

    public Cause cause(String id) {
        return causes.get(id);
    }

    /** The fix with this id, or null; a loop, not a stream: ranking asks for every fix of every diagnosis. */
    public Fix fix(String id) {
        for (Fix f : fixes) if (f.id().equals(id)) return f;
        return null;
    }
}
