package dev.gatewaydoctor.checks;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.NextCheck;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.engine.ConfidenceModel;
import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.Observation;
import dev.gatewaydoctor.knowledge.Cause;
import dev.gatewaydoctor.knowledge.Check;
import dev.gatewaydoctor.knowledge.Knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which checks are worth making next. For every check not yet answered, the fact set is diagnosed once
 * per possible answer; the check's gain is how far, on average over its answers, the answer moves the
 * confidence among the leading causes (up to three with confidence 0.05 or more), normalised to sum 1
 * and compared by total variation distance (0 = nothing changes, 1 = all of it moves). When one cause
 * leads alone, the question is whether it is right: the gain is how far the answer moves its own
 * confidence. When none leads, all causes count. Answers count as equally likely: a simple measure that needs no estimate of how
 * often each answer comes, and that ranks a check by whether its answer tells the leaders apart.
 */
public final class NextChecks {

    /** Checks whose answer would move less than this are not worth a person's time. */
    public static final double MIN_GAIN = 0.05;
    public static final int SHOWN = 3;

    private NextChecks() {
    }

    public static List<NextCheck> rank(Knowledge knowledge, FactSet facts, Diagnosis before, Function<FactSet, Diagnosis> diagnose) {
        return rank(knowledge, facts, before, diagnose, true);
    }

    /**
     * With {@code skipUnreachable}, a check whose answer no rule could carry to a leading cause
     * ({@link ObservationReach}) is not tried: its gain over the leaders is 0 whatever the answer. While
     * evidence leads, that is most checks, and the trial diagnoses are what next checks cost.
     */
    static List<NextCheck> rank(Knowledge knowledge, FactSet facts, Diagnosis before, Function<FactSet, Diagnosis> diagnose,
                                boolean skipUnreachable) {
        Set<String> answered = new HashSet<>();
        Set<String> siteLists = knowledge.listsNaming(facts.site());
        for (Fact f : facts.facts()) if (f instanceof Observation o) answered.add(o.name());
        Set<String> leading = leading(knowledge, before);
        Map<String, Double> p = distribution(knowledge, before, leading);
        // Only while evidence leads: with a status alone the causes' shares are normalised over all causes, so an
        // answer that moves any cause moves the leaders too.
        ObservationReach reach = skipUnreachable && before.basis() == dev.gatewaydoctor.Basis.EVIDENCE ? ObservationReach.of(knowledge) : null;
        var out = new ArrayList<NextCheck>();
        for (Check check : knowledge.checks()) {
            if (answered.contains(check.observation()) || !check.asksAbout(facts.site(), siteLists)) continue;
            if (reach != null && java.util.Collections.disjoint(reach.causesMovedBy(check.observation()), leading)) continue;
            List<String> answers = check.yesNo() ? List.of("yes", "no") : check.values().stream().map(v -> dev.gatewaydoctor.text.Numbers.format(v)).toList();
            double total = 0;
            var outcomes = new ArrayList<NextCheck.Outcome>();
            for (String a : answers) {
                Diagnosis after = diagnose.apply(facts.with(Answers.observation(check.observation(), check.answer(), a)));
                total += distance(p, distribution(knowledge, after, leading));
                RankedCause top = after.topCause();
                outcomes.add(new NextCheck.Outcome(a, top == null ? null : top.id(), top == null ? null : top.title(),
                        top == null ? 0 : top.confidence()));
            }
            double gain = Math.round(total / answers.size() * 1000) / 1000.0;
            if (gain >= MIN_GAIN && !changesNothing(outcomes)) {
                out.add(new NextCheck(check.observation(), check.question(), check.howTo(), check.answer(), gain, List.copyOf(outcomes), check.effort()));
            }
        }
        out.sort(Comparator.comparingDouble((NextCheck c) -> c.gain() / Check.cost(c.effort())).reversed().thenComparing(NextCheck::observation));
        NextCheck log = logRequest(knowledge, facts, before);
        if (log != null) out.add(0, log);
        return List.copyOf(out.subList(0, Math.min(SHOWN, out.size())));
    }

    /** Below this confidence, with no log given, the log that would settle it is asked for first. */
    public static final double CONFIDENT = 0.8;

    /** The name under which a log request stands among the checks: its answer is a log, not an observation. */
    public static final String ERROR_LOG = "error-log";

    /**
     * No log was given and no cause is confident (0.8): the error log of the right server settles more than any
     * question, so it is asked for first, with the commands that print it on this stack (rules/logs.yaml).
     */
    static NextCheck logRequest(Knowledge knowledge, FactSet facts, Diagnosis before) {
        if (before.basis() == dev.gatewaydoctor.Basis.EVIDENCE && before.topCause() != null && before.topCause().confidence() >= CONFIDENT) return null;
        if (before.basis() == dev.gatewaydoctor.Basis.EVIDENCE && before.topCause() != null
                && knowledge.cause(before.topCause().id()) != null && knowledge.cause(before.topCause().id()).clientSide()) return null;
        if (facts.facts().stream().anyMatch(f -> f instanceof dev.gatewaydoctor.facts.LogLine)) return null;
        List<Integer> statuses = dev.gatewaydoctor.engine.GatewayStatuses.seen(facts.facts(), List.of());
        dev.gatewaydoctor.facts.Site site = facts.site();
        if (site.cdn() == null) {
            // A response that came through a CDN says which, when the site does not.
            String cdn = facts.facts().stream().filter(f -> f instanceof dev.gatewaydoctor.facts.HttpResponse r && r.cdn() != null)
                    .map(f -> ((dev.gatewaydoctor.facts.HttpResponse) f).cdn()).findFirst().orElse(null);
            if (cdn != null) site = new dev.gatewaydoctor.facts.Site(site.url(), site.app(), site.webServer(), site.proxy(), cdn, site.hosting(),
                    site.php(), site.wordpress(), site.timezone(), site.panel());
        }
        dev.gatewaydoctor.knowledge.LogRequest r = knowledge.logRequest(site, statuses);
        if (r == null) return null;
        return new NextCheck(ERROR_LOG, r.question(), r.howTo(), "log", 1.0, List.of(), r.effort());
    }

    /** Every answer would leave the same cause first, at confidences within this of each other: not worth asking. */
    public static final double SAME = 0.05;

    /** True when whatever the answer, the same cause stays first with about the same confidence. */
    static boolean changesNothing(List<NextCheck.Outcome> outcomes) {
        if (outcomes.size() < 2) return false;
        String top = outcomes.get(0).topCause();
        double min = 1, max = 0;
        for (NextCheck.Outcome o : outcomes) {
            if (!java.util.Objects.equals(o.topCause(), top)) return false;
            min = Math.min(min, o.confidence());
            max = Math.max(max, o.confidence());
        }
        return max - min <= SAME;
    }

    private static final int LEADERS = 3;
    private static final double LEADING = 0.05;

    /** The causes whose order the next check should settle. */
    static Set<String> leading(Knowledge knowledge, Diagnosis d) {
        var leaders = new HashSet<String>();
        for (RankedCause c : d.causes()) {
            if (leaders.size() == LEADERS) break;
            if (c.confidence() >= LEADING && c.evidence().stream().anyMatch(e -> e.weight() > 0)) leaders.add(c.id());
        }
        return leaders.isEmpty() ? knowledge.causes().keySet() : leaders;
    }

    /** Confidence over the given causes, normalised to sum 1: a cause no evidence moved keeps its prior. */
    static Map<String, Double> distribution(Knowledge knowledge, Diagnosis d, Set<String> over) {
        if (over.size() == 1) {
            // A lone leader against everything else: confirmed or refuted.
            String leader = over.iterator().next();
            double c = d.causes().stream().filter(r -> r.id().equals(leader)).mapToDouble(RankedCause::confidence).findFirst()
                    .orElse(ConfidenceModel.confidence(knowledge.cause(leader).prior(), 0, knowledge.calibration().temperature()));
            return Map.of(leader, c, "", 1 - c);
        }
        var conf = new HashMap<String, Double>();
        for (Cause c : knowledge.causes().values()) if (over.contains(c.id())) conf.put(c.id(), ConfidenceModel.confidence(c.prior(), 0, knowledge.calibration().temperature()));
        for (RankedCause c : d.causes()) if (over.contains(c.id())) conf.put(c.id(), c.confidence());
        double sum = conf.values().stream().mapToDouble(Double::doubleValue).sum();
        conf.replaceAll((k, v) -> v / sum);
        return conf;
    }

    static double distance(Map<String, Double> p, Map<String, Double> q) {
        double d = 0;
        for (String k : p.keySet()) d += Math.abs(p.get(k) - q.getOrDefault(k, 0.0));
        return d / 2;
    }
}
