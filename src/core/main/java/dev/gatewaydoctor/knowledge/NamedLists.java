package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The named lists of {@code lists/*.yaml}, which an expert maintains as data instead of a long regex in a
 * rule: address ranges ({@code kind: cidr}, such as the ranges a CDN connects from) and names ({@code kind:
 * names}, such as the load balancers that reuse connections). The engine tells the rules which list an
 * address a log line names, or a name the site gives (its proxy, CDN, web server, hosting, panel), falls
 * in, as a {@code Listed} fact. A names list written {@code against: event-subjects} is matched against what
 * the events name instead (the plugin installed, the package updated), and never against the site.
 */
public final class NamedLists {

    static final String DIR = "lists/";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private record Range(BigInteger first, BigInteger last, int bytes) {
        boolean contains(byte[] address) {
            if (address.length != bytes) return false;
            BigInteger a = new BigInteger(1, address);
            return a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
        }
    }

    private final Map<String, List<Range>> lists;
    private final Map<String, List<String>> names;
    private final Map<String, List<String>> subjects;

    private NamedLists(Map<String, List<Range>> lists, Map<String, List<String>> names, Map<String, List<String>> subjects) {
        this.lists = lists;
        this.names = names;
        this.subjects = subjects;
    }

    public static NamedLists none() {
        return new NamedLists(Map.of(), Map.of(), Map.of());
    }

    /**
     * The names lists that hold this name. A name is held when one of the list's entries is the name or a run
     * of its words ("aws-alb", "AWS ALB" and "alb" are held by an entry "alb"; "albion" is not): letters and
     * digits count, case and the marks between words do not.
     */
    public List<String> listsHoldingName(String name) {
        return holding(names, name);
    }

    /** The lists written against event subjects that hold what an event names ("laravel-debugbar 1.8.2"), by the same words. */
    public List<String> listsHoldingSubject(String subject) {
        return holding(subjects, subject);
    }

    private static List<String> holding(Map<String, List<String>> named, String name) {
        if (name == null || name.isBlank()) return List.of();
        String words = "-" + words(name) + "-";
        var out = new ArrayList<String>();
        named.forEach((list, entries) -> {
            if (entries.stream().anyMatch(e -> words.contains("-" + e + "-"))) out.add(list);
        });
        return out;
    }

    private static final Pattern BETWEEN_WORDS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern AT_THE_ENDS = Pattern.compile("^-|-$");

    private static String words(String text) {
        // Run for the site's names in every diagnosis: the patterns are compiled once.
        return AT_THE_ENDS.matcher(BETWEEN_WORDS.matcher(text.toLowerCase(java.util.Locale.ROOT)).replaceAll("-")).replaceAll("");
    }

    /** The names of the lists that hold this address ("172.68.1.1", "[2400:cb00::1]:443", "1.2.3.4:80"); none for a name. */
    public List<String> listsHolding(String address) {
        byte[] a = literal(stripPort(address));
        if (a == null) return List.of();
        var out = new ArrayList<String>();
        lists.forEach((name, ranges) -> {
            if (ranges.stream().anyMatch(r -> r.contains(a))) out.add(name);
        });
        return out;
    }

    public java.util.Set<String> names() {
        var all = new java.util.TreeSet<>(lists.keySet());
        all.addAll(names.keySet());
        all.addAll(subjects.keySet());
        return all;
    }

    static NamedLists read(Map<String, String> files, List<RuleProblem> problems) {
        var lists = new LinkedHashMap<String, List<Range>>();
        var names = new LinkedHashMap<String, List<String>>();
        var subjects = new LinkedHashMap<String, List<String>>();
        for (String path : files.keySet()) {
            if (!path.startsWith(DIR) || !(path.endsWith(".yaml") || path.endsWith(".yml"))) continue;
            YamlDocument doc = YamlDocument.read(path, files, problems);
            if (doc == null) continue;
            String name = doc.text(doc.root(), "", "list", problems);
            if (name != null && (lists.containsKey(name) || names.containsKey(name) || subjects.containsKey(name))) {
                problems.add(doc.problem("/list", "the list \"" + name + "\" is written twice"));
            }
            String kind = doc.root().path("kind").asText("");
            boolean ofNames = kind.equals("names");
            if (!ofNames && !kind.equals("cidr")) {
                problems.add(doc.problem("/kind", "expected \"kind: cidr\" (address ranges such as 173.245.48.0/20) or \"kind: names\""));
            }
            String against = doc.root().path("against").asText("site");
            boolean ofSubjects = against.equals("event-subjects");
            if (!ofSubjects && !against.equals("site")) {
                problems.add(doc.problem("/against", "expected \"against: site\" (the site's proxy, CDN, web server, hosting, panel"
                        + " and app; the default) or \"against: event-subjects\" (what the events name: the plugin installed, the package updated)"));
            } else if (ofSubjects && !ofNames) {
                problems.add(doc.problem("/against", "only a list of \"kind: names\" is matched against event subjects"));
            }
            JsonNode entries = doc.root().get("entries");
            if (entries == null || !entries.isArray() || entries.isEmpty()) {
                problems.add(doc.problem("/entries", ofNames ? "expected \"entries\": a list of names (aws-alb, gcp-lb, ...)"
                        : "expected \"entries\": a list of address ranges (CIDR)"));
                continue;
            }
            if (ofNames) {
                var words = new ArrayList<String>();
                for (int i = 0; i < entries.size(); i++) {
                    String w = words(entries.get(i).asText(""));
                    if (w.isEmpty()) problems.add(doc.problem("/entries/" + i, "an empty name: expected letters or digits"));
                    else words.add(w);
                }
                if (name != null) (ofSubjects ? subjects : names).put(name, List.copyOf(words));
                continue;
            }
            var ranges = new ArrayList<Range>();
            for (int i = 0; i < entries.size(); i++) {
                Range r = cidr(entries.get(i).asText(""));
                if (r == null) problems.add(doc.problem("/entries/" + i, "not an address range: \"" + entries.get(i).asText("")
                        + "\"; expected an IPv4 or IPv6 address, a slash and a prefix length (173.245.48.0/20, 2400:cb00::/32)"));
                else ranges.add(r);
            }
            if (name != null) lists.put(name, List.copyOf(ranges));
        }
        return new NamedLists(Map.copyOf(lists), Map.copyOf(names), Map.copyOf(subjects));
    }

    private static Range cidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) return null;
        byte[] base = literal(text.substring(0, slash).strip());
        if (base == null) return null;
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            return null;
        }
        int bits = base.length * 8;
        if (prefix < 0 || prefix > bits) return null;
        BigInteger b = new BigInteger(1, base);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = b.andNot(hostMask);
        return new Range(first, first.or(hostMask), base.length);
    }

    private static String stripPort(String address) {
        if (address == null) return null;
        String a = address.strip();
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            return close < 0 ? a : a.substring(1, close);
        }
        int colon = a.indexOf(':');
        if (colon > 0 && colon == a.lastIndexOf(':')) return a.substring(0, colon); // 1.2.3.4:80
        return a;
    }

    /** The bytes of an IP literal, or null for anything else; never a DNS lookup. */
    private static byte[] literal(String text) {
        if (text == null) return null;
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) return null;
        if (v4) {
            for (String part : text.split("\\.")) if (Integer.parseInt(part) > 255) return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
