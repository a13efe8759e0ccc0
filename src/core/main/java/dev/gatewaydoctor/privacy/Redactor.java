package dev.gatewaydoctor.privacy;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.EvidenceItem;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.RankedFix;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes out of a diagnosis what belongs to the site's visitors and owners rather than to the failure:
 * client IP addresses, e-mail addresses, cookies, credentials and tokens in URLs and headers, database
 * user names. It keeps what the diagnosis needs: paths, plugin and theme slugs, errno, upstream
 * sockets and addresses (an upstream's IP is the server's, not a visitor's).
 *
 * <p>The CLI applies it to every answer unless told {@code --no-redact}; support tools that show
 * diagnoses to third parties can apply it themselves.
 */
public final class Redactor {

    private static final String IP = "(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})";

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            // credentials in headers and URLs
            new Rule(Pattern.compile("(?i)\\b(Bearer|Basic|Digest)\\s+[A-Za-z0-9._~+/=-]{6,}"), "$1 [redacted]"),
            new Rule(Pattern.compile("(?i)\\b((?:set-)?cookie|authorization|x-api-key|x-auth-token)(\"?\\s*[:=]\\s*\"?)[^\"\\r\\n]{1,4096}"), "$1$2[redacted]"),
            new Rule(Pattern.compile("(?i)\\b(wordpress_(?:logged_in|sec)_[0-9a-f]{0,64}|wordpress_test_cookie|wp-settings-(?:time-)?\\d{1,10}|PHPSESSID|woocommerce_session_[0-9a-f]{0,64})=[^;\\s\"&]{1,4096}"),
                    "$1=[redacted]"),
            new Rule(Pattern.compile("(://)[^/\\s:@\"]{1,256}:[^/\\s@\"]{1,256}@"), "$1[redacted]@"),
            new Rule(Pattern.compile("(?i)([?&;](?:token|access_token|refresh_token|id_token|api_key|apikey|key|password|pass|pwd|passwd|secret|auth|session|sid|nonce|_wpnonce|signature|sig|code|otp|hash|email|rp_key)=)[^&\\s\"#]{1,4096}"),
                    "$1[redacted]"),
            // people
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}"), "[email]"),
            new Rule(Pattern.compile("(?i)(for user ')[^']{1,128}(')"), "$1[db-user]$2"),
            new Rule(Pattern.compile("(?i)(\\buser(?:name)? ')[^']{1,128}('@')"), "$1[db-user]$2"),
            // visitors' addresses, wherever a log names the client
            new Rule(Pattern.compile("(client: )" + IP), "$1[client-ip]"),
            new Rule(Pattern.compile("(\\[client )" + IP + "(?::\\d{1,5})?\\]"), "$1[client-ip]]"),
            new Rule(Pattern.compile("(?i)\\b(x-forwarded-for|x-real-ip|cf-connecting-ip|true-client-ip|remote_addr)(\"?\\s*[:=]\\s*\"?)" + IP
                    + "(?:\\s*,\\s*" + IP + "){0,16}"), "$1$2[client-ip]"),
            new Rule(Pattern.compile("(^|: |\\| )" + IP + "( - \\S{1,64} \\[)"), "$1[client-ip]$2"));

    private Redactor() {
    }

    /** The text with visitors' data replaced by placeholders ({@code [client-ip]}, {@code [email]}, {@code [redacted]}). */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(out);
            if (m.find()) out = m.replaceAll(r.replacement());
        }
        return out;
    }

    /** A copy of the diagnosis with every text redacted; ids, weights and scores are left as they are. */
    public static Diagnosis redact(Diagnosis d) {
        List<RankedCause> causes = d.causes().stream().map(c -> new RankedCause(c.rank(), c.id(), c.title(), c.confidence(),
                redact(c.culprit()), c.evidence().stream().map(Redactor::redact).toList())).toList();
        List<RankedFix> fixes = d.fixes().stream().map(f -> new RankedFix(f.rank(), f.id(), f.title(), f.score(), f.seed(), f.effort(),
                f.risk(), f.causes(), redact(f.reason()), f.steps().stream().map(Redactor::redact).toList(), redact(f.verify()),
                redact(f.undo()))).toList();
        return new Diagnosis(redact(d.name()), d.basis(), causes, fixes, d.warnings().stream().map(Redactor::redact).toList(),
                d.rulesSource(), d.rulesVersion(), d.rulesFired(), d.incident() == null ? null
                : new dev.gatewaydoctor.Incident(d.incident().onset(), d.incident().firstSeenIn(), d.incident().lastError(),
                        d.incident().durationMinutes(), d.incident().errors(), d.incident().pattern(), redact(d.incident().lastChange())));
    }

    /** Setting names whose values are secrets, whatever the value looks like. */
    private static final Pattern SECRET_SETTING = Pattern.compile("(?i).*(password|passwd|secret|token|api[_-]?key|private[_-]?key|auth[_-]?key|salt).*");

    /**
     * A copy of the fact set with visitors' data taken out of every text a fact carries (log lines, responses,
     * subjects, text observations) and the values of settings named like secrets replaced: what a service keeps
     * of a case. What the rules read (statuses, upstream addresses, paths, errno, numbers, names) stays, so the
     * copy diagnoses as the original does.
     */
    public static dev.gatewaydoctor.facts.FactSet redact(dev.gatewaydoctor.facts.FactSet f) {
        var facts = new java.util.ArrayList<dev.gatewaydoctor.facts.Fact>();
        for (var fact : f.facts()) facts.add(redact(fact));
        return new dev.gatewaydoctor.facts.FactSet(redact(f.name()), f.site(), facts, f.expect(), f.warnings().stream().map(Redactor::redact).toList(),
                f.provenance());
    }

    private static dev.gatewaydoctor.facts.Fact redact(dev.gatewaydoctor.facts.Fact fact) {
        if (fact instanceof dev.gatewaydoctor.facts.LogLine l) {
            return new dev.gatewaydoctor.facts.LogLine(l.source(), redact(l.line()), l.at(), l.count(), l.lastAt(),
                    l.examples() == null ? null : l.examples().stream().map(Redactor::redact).toList());
        }
        if (fact instanceof dev.gatewaydoctor.facts.HttpResponse h) {
            var headers = new java.util.LinkedHashMap<String, String>();
            if (h.headers() != null) h.headers().forEach((k, v) -> headers.put(k, redact(k + ": " + v).substring(k.length() + 2)));
            return new dev.gatewaydoctor.facts.HttpResponse(h.status(), redact(h.url()), headers, redact(h.body()), h.path(), h.client(), h.at(),
                    h.latencyMs(), h.cdn(), h.producer(), h.cdnBranded());
        }
        if (fact instanceof dev.gatewaydoctor.facts.ConfigValue c) {
            String value = SECRET_SETTING.matcher(c.name()).matches() ? "[redacted]" : redact(c.value());
            return value.equals(c.value()) ? c : dev.gatewaydoctor.facts.ConfigValue.of(c.name(), value, c.at());
        }
        if (fact instanceof dev.gatewaydoctor.facts.Event e) return new dev.gatewaydoctor.facts.Event(e.kind(), redact(e.subject()), e.at());
        if (fact instanceof dev.gatewaydoctor.facts.Observation o && o.number() == null) {
            return new dev.gatewaydoctor.facts.Observation(o.name(), redact(o.value()), null, o.at());
        }
        return fact; // metrics, tried fixes and numbers carry nobody's data
    }

    private static EvidenceItem redact(EvidenceItem e) {
        return new EvidenceItem(e.rule(), e.file(), e.weight(), redact(e.culprit()), e.facts().stream().map(Redactor::redact).toList(), e.group(), e.counted());
    }
}
