package dev.gatewaydoctor.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names the knowledge reads: observation, metric and config names and event kinds that some rule
 * matches on, and the aliases of checks.yaml that map people's phrasings onto one observation. A name
 * outside it reaches no rule; the diagnosis says so, with the closest names, so nothing a user said is
 * lost in silence.
 *
 * @param read      for each kind of fact (observation, metric, config, event), the names rules match on
 * @param aliases   a phrasing to the observation name it stands for
 * @param opposites a phrasing of the other answer to the yes-no observation it stands for ("cli-succeeds":
 *                  "cli-also-crashes" answered no)
 * @param settingAliases another name of a setting (settings.yaml) to the config name rules read; a "*" in it
 *                  stands for one part of a dotted name (traefik.http.services.*.loadbalancer.server.url)
 */
public record Vocabulary(Map<String, Set<String>> read, Map<String, String> aliases, Map<String, String> opposites,
                         Map<String, String> settingAliases) {

    public static final List<String> KINDS = List.of("observation", "metric", "config", "event");

    /** Names the engine itself reads, beside the rules: the request rate around the onset, the changes on the timeline. */
    /** The kinds of event the fact-set format defines (docs/factset.md). */
    public static final List<String> EVENT_KINDS = List.of("plugin-installed", "plugin-activated", "plugin-updated", "plugin-deactivated",
            "theme-changed", "theme-updated", "core-updated", "php-upgraded", "config-edited", "code-edited", "site-migrated", "cdn-enabled",
            "firewall-changed", "traffic-spike", "host-maintenance", "backup-restored", "deploy", "service-restarted", "server-rebuilt",
            "incident");

    private static final Map<String, List<String>> ENGINE_READS = Map.of(
            "metric", List.of("requests.per.second", "requests.per.second.baseline"),
            "event", EVENT_KINDS);

    private static final Map<String, Pattern> MATCHES = Map.of(
            "observation", Pattern.compile("Observation\\(\\s*name\\s*(==|in)\\s*(\"[^\"]+\"|\\([^)]*\\))"),
            "metric", Pattern.compile("Metric\\(\\s*name\\s*(==|in)\\s*(\"[^\"]+\"|\\([^)]*\\))"),
            "config", Pattern.compile("ConfigValue\\(\\s*name\\s*(==|in)\\s*(\"[^\"]+\"|\\([^)]*\\))"),
            "event", Pattern.compile("Event\\(\\s*kind\\s*(==|in)\\s*(\"[^\"]+\"|\\([^)]*\\))"));
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    /** Reads the names from the rule files' text and the aliases of observations from the checks; no setting has other names yet. */
    static Vocabulary of(Map<String, String> files, List<Check> checks) {
        var read = new TreeMap<String, Set<String>>();
        KINDS.forEach(k -> read.put(k, new TreeSet<>(ENGINE_READS.getOrDefault(k, List.of()))));
        files.forEach((path, text) -> {
            if (!path.endsWith(".drl")) return;
            MATCHES.forEach((kind, pattern) -> {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    Matcher q = QUOTED.matcher(m.group(2));
                    while (q.find()) read.get(kind).add(q.group(1));
                }
            });
        });
        var aliases = new TreeMap<String, String>();
        var opposites = new TreeMap<String, String>();
        for (Check c : checks) {
            c.aliases().forEach(a -> aliases.put(a, c.observation()));
            c.opposites().forEach(o -> opposites.put(o, c.observation()));
        }
        read.replaceAll((k, v) -> java.util.Collections.unmodifiableSet(v));
        return new Vocabulary(java.util.Collections.unmodifiableMap(read), java.util.Collections.unmodifiableMap(aliases),
                java.util.Collections.unmodifiableMap(opposites), Map.of());
    }

    /** The same names, with the other names of settings that settings.yaml gives. */
    Vocabulary withSettingAliases(Map<String, String> settingAliases) {
        return new Vocabulary(read, aliases, opposites, java.util.Collections.unmodifiableMap(new TreeMap<>(settingAliases)));
    }

    /** The config name a setting's name stands for: itself, or the setting one of its aliases (a "*" matching one dotted part) maps it to. */
    public String canonicalSetting(String name) {
        String exact = settingAliases.get(name);
        if (exact != null) return exact;
        for (var e : settingAliases.entrySet()) {
            if (e.getKey().contains("*") && ALIAS_PATTERNS.computeIfAbsent(e.getKey(), Vocabulary::aliasPattern).matcher(name).matches()) return e.getValue();
        }
        return name;
    }

    /** Compiled once: every config fact of every diagnosis is looked up. Bounded by the aliases settings.yaml writes. */
    private static final Map<String, Pattern> ALIAS_PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    /** An alias with "*" as a pattern: each "*" one part of a dotted name, the rest as written. */
    static Pattern aliasPattern(String alias) {
        var parts = new ArrayList<String>();
        for (String part : alias.split("\\*", -1)) parts.add(Pattern.quote(part));
        return Pattern.compile(String.join("[^.]+", parts));
    }

    /** The observation a name stands for: itself, or what its alias maps it to. */
    public String canonical(String observation) {
        return aliases.getOrDefault(observation, observation);
    }

    /** The yes-no observation whose other answer this name stands for, or null. */
    public String oppositeOf(String name) {
        return opposites.get(name);
    }

    public boolean reads(String kind, String name) {
        return read.getOrDefault(kind, Set.of()).contains(name);
    }

    /** Up to three known names (aliases included, for observations) closest to the given one, closest first. */
    public List<String> closest(String kind, String name) {
        var candidates = new TreeSet<>(read.getOrDefault(kind, Set.of()));
        if (kind.equals("observation")) {
            candidates.addAll(aliases.keySet());
            candidates.addAll(opposites.keySet());
        }
        if (kind.equals("config")) settingAliases.keySet().stream().filter(a -> !a.contains("*")).forEach(candidates::add);
        return closest(name, candidates);
    }

    /** Up to three candidates closest to the name: shared words first, then few edits. */
    public static List<String> closest(String name, java.util.Collection<String> candidates) {
        record Scored(String name, double score) {
        }
        var scored = new ArrayList<Scored>();
        for (String c : candidates) {
            double s = similarity(name, c);
            if (s >= 0.3) scored.add(new Scored(c, s));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.score).thenComparing(Scored::name));
        return scored.stream().limit(3).map(Scored::name).toList();
    }

    /** "; did you mean \"a\" or \"b\"?" for the closest candidates, or nothing when none is close. */
    public static String didYouMean(String name, java.util.Collection<String> candidates) {
        List<String> near = closest(name, candidates);
        if (near.isEmpty()) return "";
        return "; did you mean " + String.join(" or ", near.stream().map(n -> "\"" + n + "\"").toList()) + "?";
    }

    /** 0..1: the share of words in common (a word off by an edit or two counts), or the edit distance of the whole when higher. */
    static double similarity(String a, String b) {
        String[] wa = a.toLowerCase(java.util.Locale.ROOT).split("[-._\\s]+");
        String[] wb = b.toLowerCase(java.util.Locale.ROOT).split("[-._\\s]+");
        int common = 0;
        for (String x : wa) {
            for (String y : wb) {
                if (x.equals(y) || (x.length() > 4 && y.length() > 4 && edits(x, y) <= Math.max(1, Math.min(x.length(), y.length()) / 4))) {
                    common++;
                    break;
                }
            }
        }
        double words = 2.0 * common / (wa.length + wb.length);
        double whole = 1.0 - (double) edits(a, b) / Math.max(a.length(), b.length());
        return Math.max(words, whole);
    }

    /** The Levenshtein distance: single-character insertions, deletions and substitutions. */
    static int edits(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
