package dev.gatewaydoctor.engine;

import dev.gatewaydoctor.Basis;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.EvidenceItem;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.RankedFix;
import dev.gatewaydoctor.RuleFaultException;
import dev.gatewaydoctor.facts.Event;
import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.HttpResponse;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.knowledge.Cause;
import dev.gatewaydoctor.knowledge.Fix;
import dev.gatewaydoctor.knowledge.Knowledge;
import dev.gatewaydoctor.recognition.ErrorPageRecognizer;
import dev.gatewaydoctor.recognition.LogRecognizer;
import dev.gatewaydoctor.recognition.LogSignal;

import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.time.SessionPseudoClock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one diagnosis in its own session: facts and recognised log signals in, cause rules fire and
 * conclude {@link Evidence}; evidence becomes a confidence per cause; the fix rules turn confidences
 * into {@link FixContribution}s; contributions become ranked fixes. The session is always disposed.
 */
public final class Engine {

    private static final Pattern CULPRIT = Pattern.compile("\\{(culprit|slug|address)(?:\\|([^}]*))?\\}");
    /**
     * One place a proxy connects to, as a step can put it after curl, ls or ping: host:port, [v6]:port, an IP,
     * unix:/path or /path, with no spaces. A culprit that describes ("Apache at 192.0.2.10:7081", "unable to
     * bind listening socket ...") is not one.
     */
    private static final Pattern ADDRESS = Pattern.compile("(?:unix:)?/[^\\s]+|\\[[0-9a-fA-F:.]+\\](?::\\d+)?|[A-Za-z0-9.-]+(?::\\d+)?");
    /** A WordPress plugin's or theme's slug: lower case, digits, dots, dashes and underscores, a letter, no space. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]*[a-z][a-z0-9._-]*|[a-z]");
    private static final Pattern VERSION = Pattern.compile("v?\\d[\\w.]*");
    /** Where people's asides to a name begin: a parenthesis, a comma, an arrow between versions. */
    private static final Pattern ASIDE = Pattern.compile("[(,;]|->|→");
    private static final java.util.Set<String> LEADS_TO_VERSION = java.util.Set.of("to", "version", "v");
    private static final int FACTS_PER_EVIDENCE = 5;

    private final int maxRuleFirings;
    private final java.time.Clock wallClock;

    private final KieSessionConfiguration sessionConfiguration;

    private record Pooled(org.kie.api.KieBase base, org.kie.api.runtime.KieSessionsPool pool) {
    }

    private volatile Pooled pooled;

    /**
     * A session of Drools' pool for this rule base: creating one builds the memory of every node of the
     * network, a sixteenth of a typical diagnosis; a pooled one is reset when disposed (facts, agenda,
     * listeners, clock) and taken again. The pool follows the knowledge: rules reloaded bring a new one,
     * and the old goes with the last session taken from it.
     */
    private KieSession newSession(org.kie.api.KieBase base) {
        Pooled p = pooled;
        if (p == null || p.base() != base) {
            p = new Pooled(base, base.newKieSessionsPool(2));
            pooled = p;
        }
        return p.pool().newKieSession(sessionConfiguration);
    }

    /**
     * @param wallClock read for one thing only: the year of syslog-style lines ("Nov 26 05:07:46") in a
     *                  record where no other fact tells the year
     */
    public Engine(int maxRuleFirings, java.time.Clock wallClock) {
        this.maxRuleFirings = maxRuleFirings;
        this.wallClock = wallClock;
        // A pseudo clock: a replay never depends on when, or on which machine, it runs.
        this.sessionConfiguration = KieServices.Factory.get().newKieSessionConfiguration();
        sessionConfiguration.setOption(ClockTypeOption.PSEUDO);
    }

    public Diagnosis diagnose(Knowledge knowledge, FactSet factSet) {
        return diagnose(knowledge, factSet, null, true);
    }

    /**
     * Trial diagnoses of one record with one answer more each, as the next checks weigh them: the causes only,
     * no fixes (their ranking is the second half of a diagnosis, and no check reads it), and each log line
     * recognised once for all the trials (the lines are the same in every trial; recognition is most of a
     * diagnosis's cost). The causes and their confidences are those {@link #diagnose} gives.
     */
    public java.util.function.Function<FactSet, Diagnosis> trials(Knowledge knowledge) {
        var recognised = new java.util.concurrent.ConcurrentHashMap<LogLine, LogRecognizer.Reading>();
        return facts -> diagnose(knowledge, facts, recognised, false);
    }

    private Diagnosis diagnose(Knowledge knowledge, FactSet factSet, Map<LogLine, LogRecognizer.Reading> recognisedBefore, boolean withFixes) {
        var recorder = new SessionRecorder();
        var warnings = new ArrayList<>(factSet.warnings());
        KieSession session = newSession(knowledge.kieBase());
        try {
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder);
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder);
            dev.gatewaydoctor.facts.Site site = Vocabularies.canonical(factSet.site(), warnings);
            session.insert(site);
            int logLines = 0;
            int unrecognised = 0;
            int zoneless = 0;
            java.time.ZoneId zone = site.zone();
            java.time.ZoneId lineZone = zone != null ? zone : java.time.ZoneOffset.UTC;
            java.util.function.Function<LogLine, LogRecognizer.Reading> recognise = recognisedBefore == null
                    ? l -> knowledge.recognizer().read(l, lineZone)
                    : l -> recognisedBefore.computeIfAbsent(l, k -> knowledge.recognizer().read(k, lineZone));
            var signals = new ArrayList<LogSignal>();
            List<Fact> facts = Vocabularies.canonical(factSet.facts(), knowledge, warnings);
            for (Fact fact : facts) {
                if (fact instanceof LogLine line) {
                    logLines++;
                    LogRecognizer.Reading read = recognise.apply(line);
                    if (read.signals().isEmpty()) unrecognised++;
                    else if (zone == null && read.timeWithoutZone()) zoneless++;
                    signals.addAll(read.signals());
                } else if (fact instanceof HttpResponse r) {
                    // A proxy that writes its error in words, not as a page, says in the body what its log would.
                    for (String text : ErrorPageRecognizer.plainTextLines(r)) {
                        signals.addAll(recognise.apply(new LogLine("body of the " + r.status(), text, r.at(), 1, null)).signals());
                    }
                }
            }
            // Syslog's stamps have no year: the record's own latest time gives it, the machine's clock only
            // when nothing in the record has a year.
            java.time.Instant reference = Timeline.recordEnd(facts, signals);
            var placed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<LogLine, Boolean>());
            for (int i = 0; i < signals.size(); i++) {
                LogSignal signal = signals.get(i);
                if (signal.time() != null) continue;
                java.time.Instant at = LogRecognizer.yearlessTime(signal.log().line(), zone != null ? zone : java.time.ZoneOffset.UTC,
                        reference != null ? reference : wallClock.instant());
                if (at == null) continue;
                signals.set(i, signal.withTime(at));
                placed.add(signal.log());
            }
            if (zone == null) zoneless += placed.size();
            if (reference == null && !placed.isEmpty()) {
                warnings.add(placed.size() + " log line" + (placed.size() == 1 ? " is" : "s are") + " stamped the syslog way, without a year,"
                        + " and nothing else in the record has one: the year was taken from this machine's clock ("
                        + wallClock.instant().atZone(java.time.ZoneOffset.UTC).getYear() + "). Give a fact with a full date (an event's or"
                        + " a response's at) if the logs are older");
            }
            // The pseudo clock stands at the end of the record before anything is inserted: windows then
            // count back from the last observation, and no event is ever "in the future" of the session.
            Timeline.Derived time = Timeline.derive(facts, signals, zone);
            if (time.end() != null) {
                SessionPseudoClock clock = session.getSessionClock();
                clock.advanceTime(time.end().toEpochMilli() - clock.getCurrentTime(), TimeUnit.MILLISECONDS);
            }
            for (Fact fact : facts) session.insert(fact);
            // What each fix treats is known from the start: a fix that was tried weighs the causes it treats.
            for (Fix f : knowledge.fixes()) f.treats().forEach((cause, efficacy) -> session.insert(new Treatment(f.id(), cause, efficacy, f.inVainFor().contains(cause))));
            for (Cause c : knowledge.causes().values()) session.insert(c);
            var listed = new java.util.LinkedHashSet<Listed>();
            for (LogSignal signal : signals) {
                session.insert(signal);
                for (String list : knowledge.lists().listsHolding(signal.host())) listed.add(new Listed(list, signal.host()));
            }
            // What the site says it runs behind or on, when a names list holds it (a cloud load balancer, an
            // application that does not run on PHP, ...).
            var siteLists = new java.util.TreeSet<String>();
            for (var held : knowledge.namesListed(site)) {
                listed.add(new Listed(held.getKey(), held.getValue()));
                siteLists.add(held.getKey());
            }
            // What an event names (the plugin installed, the package updated), when a list written against event subjects holds it.
            for (Fact fact : facts) {
                if (fact instanceof Event e) for (String list : knowledge.lists().listsHoldingSubject(e.subject())) listed.add(new Listed(list, e.subject()));
            }
            for (Listed l : listed) session.insert(l);
            for (Object derived : time.facts()) session.insert(derived);
            if (zoneless > 0) {
                warnings.add(zoneless + " log line" + (zoneless == 1 ? " gives its time" : "s give their times") + " without a zone;"
                        + " read as UTC. If the server logs local time, give site.timezone (e.g. Europe/Berlin) or IncidentBuilder.timezone,"
                        + " so that the first error and the changes before it line up");
            }
            if (unrecognised > 0) {
                warnings.add(unrecognised + " of " + logLines + " log lines matched no known message family; they stay facts but weigh nothing"
                        + " unless a rule reads them");
            }
            fire(session, recorder, knowledge);

            Map<String, CauseTally> tallies = tally(knowledge, recorder);
            List<RankedCause> causes = rankCauses(knowledge, tallies);
            boolean anyFor = tallies.values().stream().anyMatch(t -> t.sum() > 0 && t.items.stream().anyMatch(i -> i.weight() > 0));
            Basis basis = Basis.EVIDENCE;
            if (!anyFor) {
                List<Integer> statuses = GatewayStatuses.seen(facts, signals);
                if (knowledge.baseRates().isEmpty() || statuses.isEmpty()) {
                    return new Diagnosis(factSet.name(), Basis.SEED_CHECKLIST, causes, seedChecklist(knowledge), warnings,
                            knowledge.source(), knowledge.version(), new java.util.TreeSet<>(recorder.firings.keySet()), time.incident());
                }
                causes = baseRateCauses(knowledge, tallies, knowledge.baseRates().counts(statuses), statuses);
                basis = Basis.STATUS_BASE_RATES;
            }
            if (!withFixes) {
                return new Diagnosis(factSet.name(), basis, causes, List.of(), warnings,
                        knowledge.source(), knowledge.version(), new java.util.TreeSet<>(recorder.firings.keySet()), time.incident());
            }
            for (RankedCause c : causes) session.insert(new Hypothesis(c.id(), c.confidence(), c.culprit()));
            fire(session, recorder, knowledge);
            List<RankedFix> fixes = rankFixes(knowledge, causes, recorder, site, siteLists, changeKinds(facts, time));
            if (basis == Basis.EVIDENCE) {
                fixes = withTheRest(knowledge, fixes, causes, GatewayStatuses.seen(facts, signals), site, siteLists, changeKinds(facts, time));
            }
            return new Diagnosis(factSet.name(), basis, causes, fixes, warnings,
                    knowledge.source(), knowledge.version(), new java.util.TreeSet<>(recorder.firings.keySet()), time.incident());
        } catch (RuleFaultException e) {
            throw e;
        } catch (RuntimeException e) {
            // Drools evaluates some conditions as facts are inserted, before any rule fires: a condition
            // that throws there fails the diagnosis the same way, never as a raw Drools exception.
            if (!fromDrools(e)) throw e;
            throw conditionFailed(e, recorder, knowledge, "while facts were inserted");
        } finally {
            session.dispose();
        }
    }

    private static final Pattern NAMED_RULE = Pattern.compile("Rule \"([^\"]+)\"");

    /**
     * A condition that threw: Drools names the rule whose constraint failed in its message (else the last
     * rule fired stands in), and the root cause says what went wrong.
     */
    private static RuleFaultException conditionFailed(RuntimeException e, SessionRecorder recorder, Knowledge knowledge, String when) {
        String named = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            java.util.regex.Matcher m = NAMED_RULE.matcher(String.valueOf(t.getMessage()));
            if (named == null && m.find()) named = m.group(1);
            root = t;
        }
        String rule = named != null ? named : recorder.recent.peekLast();
        String file = rule == null ? null : knowledge.ruleFiles().get(rule);
        String what = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        if (named != null) {
            return new RuleFaultException(rule, file, "rule \"" + rule + "\"" + (file == null ? "" : " in " + file) + ": a condition failed "
                    + when + ": " + what, e);
        }
        return new RuleFaultException(rule, file, "a rule condition failed " + when + (rule == null ? "" : " (last rule fired: \"" + rule + "\")")
                + ": " + what, e);
    }

    /** Whether a failure came out of the rule engine (or out of code a rule called from it). */
    private static boolean fromDrools(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().startsWith("org.drools.") || t.getClass().getName().startsWith("org.kie.")) return true;
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("org.drools.") || frame.getClassName().startsWith("org.kie.")) return true;
            }
        }
        return false;
    }

    private void fire(KieSession session, SessionRecorder recorder, Knowledge knowledge) {
        int fired;
        try {
            fired = session.fireAllRules(maxRuleFirings);
        } catch (ConsequenceException e) {
            String rule = e.getMatch() == null ? null : e.getMatch().getRule().getName();
            Throwable root = e.getCause() == null ? e : e.getCause();
            String file = rule == null ? null : knowledge.ruleFiles().get(rule);
            throw new RuleFaultException(rule, file, "rule \"" + rule + "\"" + (file == null ? "" : " in " + file)
                    + " failed: " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()), e);
        } catch (RuntimeException e) {
            throw conditionFailed(e, recorder, knowledge, "while matching facts");
        }
        if (fired >= maxRuleFirings) {
            String busiest = recorder.firings.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                    .map(e -> "\"" + e.getKey() + "\" (" + e.getValue() + " times" + fileOf(knowledge, e.getKey()) + ")")
                    .reduce((a, b) -> a + ", " + b).orElse("?");
            String top = recorder.firings.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            throw new RuleFaultException(top, top == null ? null : knowledge.ruleFiles().get(top),
                    "rules fired " + fired + " times, the limit, and were stopped: a rule loop? Busiest: " + busiest, null);
        }
    }

    private static String fileOf(Knowledge knowledge, String rule) {
        String f = knowledge.ruleFiles().get(rule);
        return f == null ? "" : ", " + f;
    }

    /** Evidence for one cause: each rule counts once, however many facts it matched. */
    private static final class CauseTally {
        final Map<String, EvidenceItem> byRule = new LinkedHashMap<>();
        List<EvidenceItem> items = List.of();

        /**
         * Ungrouped evidence adds up; of each group (rules that see one underlying fact) only the strongest
         * piece for and the strongest against count (docs/confidence.md).
         */
        double sum() {
            return items.stream().filter(EvidenceItem::counted).mapToDouble(EvidenceItem::weight).sum();
        }
    }

    private Map<String, CauseTally> tally(Knowledge knowledge, SessionRecorder recorder) {
        var tallies = new LinkedHashMap<String, CauseTally>();
        for (var c : recorder.evidence) {
            Evidence e = (Evidence) c.conclusion();
            if (knowledge.cause(e.cause()) == null) {
                throw new RuleFaultException(c.rule(), knowledge.ruleFiles().get(c.rule()), "rule \"" + c.rule() + "\" in "
                        + knowledge.ruleFiles().get(c.rule()) + " gave evidence for \"" + e.cause() + "\", which is no cause in causes.yaml", null);
            }
            CauseTally t = tallies.computeIfAbsent(e.cause(), k -> new CauseTally());
            EvidenceItem before = t.byRule.get(c.rule());
            var facts = new LinkedHashSet<String>(before == null ? List.of() : before.facts());
            for (Object f : c.facts()) {
                if (facts.size() >= FACTS_PER_EVIDENCE) break;
                String d = describe(f);
                if (d != null) facts.add(d);
            }
            boolean stronger = before == null || Math.abs(e.weight()) > Math.abs(before.weight());
            double weight = stronger ? e.weight() : before.weight();
            String culprit = stronger && e.culprit() != null ? e.culprit() : before == null ? e.culprit()
                    : before.culprit() != null ? before.culprit() : e.culprit();
            t.byRule.put(c.rule(), new EvidenceItem(c.rule(), knowledge.ruleFiles().get(c.rule()), weight, culprit, List.copyOf(facts),
                    knowledge.ruleGroups().get(c.rule()), true));
        }
        for (CauseTally t : tallies.values()) {
            var sorted = t.byRule.values().stream()
                    .sorted(Comparator.comparingDouble((EvidenceItem i) -> -Math.abs(i.weight())).thenComparing(EvidenceItem::rule))
                    .toList();
            var seen = new java.util.HashSet<String>();
            var items = new ArrayList<EvidenceItem>();
            for (EvidenceItem i : sorted) {
                boolean counted = i.group() == null || seen.add(i.group() + (i.weight() >= 0 ? "+" : "-"));
                items.add(counted ? i : new EvidenceItem(i.rule(), i.file(), i.weight(), i.culprit(), i.facts(), i.group(), false));
            }
            t.items = List.copyOf(items);
        }
        return tallies;
    }

    private static String describe(Object fact) {
        if (fact instanceof Fact f) return f.describe();
        if (fact instanceof LogSignal s) return s.describe();
        if (fact instanceof Evidence e) return "evidence for " + e.cause() + " (" + e.weight() + ")";
        if (fact instanceof EventTiming t) return t.describe();
        if (fact instanceof Onset o) return "first error at " + o.at() + " (" + o.seenIn() + ")";
        if (fact instanceof ErrorSeen e) return e.describe();
        if (fact instanceof ErrorTimeline t) return t.describe();
        if (fact instanceof ErrorRate r) return r.describe();
        if (fact instanceof TrafficAroundOnset t) return t.describe();
        if (fact instanceof Listed l) return l.describe();
        if (fact instanceof RecordEnd r) return "the record ends at " + r.at();
        if (fact instanceof Treatment t) return t.fix() + " treats " + t.cause() + " (efficacy " + t.efficacy() + ")";
        if (fact instanceof Cause) return null;
        if (fact instanceof dev.gatewaydoctor.facts.Site site) return describe(site);
        if (fact instanceof Number) return null; // an accumulate's result: the rule's culprit says it in words
        // Drools's own facts (the initial fact behind "exists"/"not" patterns) say nothing to a reader.
        if (fact == null || fact.getClass().getName().startsWith("org.drools.")) return null;
        return String.valueOf(fact);
    }

    /** What a rule that read the site saw of it: the stack, not its address. */
    private static String describe(dev.gatewaydoctor.facts.Site site) {
        var parts = new ArrayList<String>();
        if (site.app() != null) parts.add("app " + site.app());
        if (site.webServer() != null) parts.add("web server " + site.webServer());
        if (site.proxy() != null) parts.add("proxy " + site.proxy());
        if (site.cdn() != null) parts.add("CDN " + site.cdn());
        if (site.panel() != null) parts.add("panel " + site.panel());
        if (site.hosting() != null) parts.add("hosting " + site.hosting());
        if (site.php() != null) parts.add("PHP " + site.php());
        if (site.wordpress() != null) parts.add("WordPress " + site.wordpress());
        return parts.isEmpty() ? null : "site: " + String.join(", ", parts);
    }

    private static List<RankedCause> rankCauses(Knowledge knowledge, Map<String, CauseTally> tallies) {
        record Scored(Cause cause, double confidence, CauseTally tally) {
        }
        var scored = new ArrayList<Scored>();
        tallies.forEach((id, t) -> {
            Cause cause = knowledge.cause(id);
            scored.add(new Scored(cause, ConfidenceModel.confidence(cause.prior(), t.sum(), knowledge.calibration().temperature()), t));
        });
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.confidence).thenComparing(s -> s.cause.id()));
        var out = new ArrayList<RankedCause>();
        for (Scored s : scored) {
            String culprit = s.tally.items.stream().filter(i -> i.weight() > 0 && i.culprit() != null)
                    .max(Comparator.comparingDouble(EvidenceItem::weight)).map(EvidenceItem::culprit).orElse(null);
            out.add(new RankedCause(out.size() + 1, s.cause.id(), s.cause.title(), round(s.confidence), culprit, s.tally.items));
        }
        return out;
    }

    /**
     * Nothing but the status speaks: each cause starts from how often real incidents with that status had
     * it, and the evidence against it still counts: each share times its likelihood ratios, normalised over
     * all causes, so that ruling some out makes the rest likelier.
     */
    private static List<RankedCause> baseRateCauses(Knowledge knowledge, Map<String, CauseTally> tallies,
                                                    dev.gatewaydoctor.knowledge.BaseRates.Counts counts, List<Integer> statuses) {
        record Scored(Cause cause, double weighted, List<EvidenceItem> items) {
        }
        String with = incidentsWith(counts, statuses);
        var scored = new ArrayList<Scored>();
        // One cause is behind the incident, and the shares of all causes sum to 1: evidence against some
        // causes makes the others likelier, so each share times its likelihood ratios is normalised over all.
        double total = 0;
        for (Cause cause : knowledge.causes().values()) {
            int n = counts.byCause().getOrDefault(cause.id(), 0);
            CauseTally t = tallies.get(cause.id());
            double share = counts.share(cause.id(), knowledge.causes().size());
            String rate = n + " of " + counts.total() + " real incidents with " + with + " had this cause";
            double weighted = share * Math.pow(10, t == null ? 0 : t.sum());
            total += weighted;
            if (n == 0 && t == null) continue;
            var items = new ArrayList<EvidenceItem>();
            items.add(new EvidenceItem("Base rate: " + rate, "base-rates.yaml", 0, null, List.of()));
            if (t != null) items.addAll(t.items);
            scored.add(new Scored(cause, weighted, items));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.weighted).thenComparing(s -> s.cause.id()));
        var out = new ArrayList<RankedCause>();
        for (Scored s : scored) out.add(new RankedCause(out.size() + 1, s.cause.id(), s.cause.title(), round(s.weighted / total), null, s.items));
        return out;
    }

    /** The kinds of the changes on record, the nearest before the first error first, then those without a time. */
    private static List<String> changeKinds(List<Fact> facts, Timeline.Derived time) {
        var out = new ArrayList<String>();
        time.facts().stream().filter(f -> f instanceof EventTiming t && t.change() && t.rankBeforeOnset() > 0)
                .map(f -> (EventTiming) f).sorted(Comparator.comparingInt(EventTiming::rankBeforeOnset))
                .forEach(t -> out.add(t.kind()));
        for (Fact f : facts) if (f instanceof Event e && e.at() == null && !out.contains(e.kind())) out.add(e.kind());
        return out;
    }

    /** A confidence that shows as 0.00. */
    private static final double NEGLIGIBLE = 0.005;

    /** @param siteLists the names lists that hold one of the site's names (Knowledge.listsNaming) */
    private static List<RankedFix> rankFixes(Knowledge knowledge, List<RankedCause> causes, SessionRecorder recorder,
                                             dev.gatewaydoctor.facts.Site site, java.util.Set<String> siteLists, List<String> changeKinds) {
        Map<String, RankedCause> causeById = new LinkedHashMap<>();
        causes.forEach(c -> causeById.put(c.id(), c));
        var byFix = new LinkedHashMap<String, Map<String, Double>>();
        for (var c : recorder.contributions) {
            FixContribution fc = (FixContribution) c.conclusion();
            if (knowledge.fix(fc.fix()) == null) {
                throw new RuleFaultException(c.rule(), knowledge.ruleFiles().get(c.rule()),
                        "rule \"" + c.rule() + "\" scored \"" + fc.fix() + "\", which is no fix in fixes.yaml", null);
            }
            // A cause the evidence all but ruled out (confidence 0.00 as shown) points at no fix: its fixes
            // stay with the rest, ordered by the causes nobody has looked at yet, not by a rounding crumb.
            RankedCause treated = causeById.get(fc.cause());
            if (treated != null && treated.confidence() < NEGLIGIBLE) continue;
            byFix.computeIfAbsent(fc.fix(), k -> new LinkedHashMap<>()).merge(fc.cause(), fc.value(), Math::max);
        }
        record Scored(Fix fix, double score, List<Map.Entry<String, Double>> parts) {
        }
        var scored = new ArrayList<Scored>();
        byFix.forEach((id, parts) -> {
            double score = round(ConfidenceModel.noisyOr(parts.values()));
            if (score <= 0 || !knowledge.fix(id).offeredTo(site, siteLists)) return;
            var ordered = parts.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
            scored.add(new Scored(knowledge.fix(id), score, ordered));
        });
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.score)
                .thenComparingInt(s -> s.fix.seed() == null ? Integer.MAX_VALUE : s.fix.seed())
                .thenComparingInt(s -> s.fix.effort())
                .thenComparing(s -> s.fix.id()));
        var out = new ArrayList<RankedFix>();
        for (Scored s : scored) {
            // The steps speak of the cause the fix is made for (the one it treats best among those here, and
            // whose culprit its templates can use), so they name that cause's culprit, or fall back to their
            // own words: never another cause's culprit.
            String from = s.fix.culpritCause(s.parts.stream().map(Map.Entry::getKey).toList());
            RankedCause culpritCause = from == null ? null : causeById.get(from);
            String culprit = culpritCause == null ? null : culpritCause.culprit();
            var reason = new StringBuilder("treats ");
            for (int i = 0; i < s.parts.size(); i++) {
                var p = s.parts.get(i);
                RankedCause c = causeById.get(p.getKey());
                if (i > 0) reason.append("; ");
                reason.append(c == null ? p.getKey() : c.title()).append(" (confidence ")
                        .append(c == null ? "?" : dev.gatewaydoctor.text.Numbers.twoDecimals(c.confidence()))
                        .append(c != null && c.culprit() != null ? ", " + c.culprit() : "").append(")");
            }
            Fix f = s.fix;
            out.add(new RankedFix(out.size() + 1, f.id(), f.title(), s.score, f.seed(), f.effort(), f.risk(),
                    s.parts.stream().map(Map.Entry::getKey).toList(), reason.toString(),
                    f.stepsFor(site, siteLists, changeKinds, s.parts.get(0).getKey()).stream().map(step -> fill(step, culprit)).toList(),
                    fill(f.verify(), culprit), fill(f.undo(), culprit)));
        }
        return out;
    }

    /**
     * The fixes the evidence scored, then every other fix of the catalog, so that the list says what to try
     * when those do not help. No evidence points at the others (their score is 0): they are ordered by how
     * often the causes they treat, among those the evidence did not touch, were behind real incidents with
     * the statuses seen (rules/base-rates.yaml), times how well they treat them; then by the seed article's
     * order and effort.
     */
    private static List<RankedFix> withTheRest(Knowledge knowledge, List<RankedFix> scored, List<RankedCause> causes, List<Integer> statuses,
                                               dev.gatewaydoctor.facts.Site site, java.util.Set<String> siteLists, List<String> changeKinds) {
        var listed = new java.util.HashSet<String>();
        scored.forEach(f -> listed.add(f.id()));
        var touched = new java.util.HashSet<String>();
        causes.forEach(c -> touched.add(c.id()));
        dev.gatewaydoctor.knowledge.BaseRates.Counts counts = knowledge.baseRates().isEmpty() ? null : knowledge.baseRates().counts(statuses);
        String with = counts == null ? null : incidentsWith(counts, statuses);
        record Rest(Fix fix, double likely, String cause, int n) {
        }
        var rest = new ArrayList<Rest>();
        for (Fix f : knowledge.fixes()) {
            if (listed.contains(f.id()) || !f.offeredTo(site, siteLists)) continue;
            double none = 1;
            String best = null;
            int bestN = 0;
            double bestPart = -1;
            for (var t : f.treats().entrySet()) {
                if (touched.contains(t.getKey()) || counts == null) continue;
                int n = counts.byCause().getOrDefault(t.getKey(), 0);
                double part = counts.share(t.getKey(), knowledge.causes().size()) * t.getValue();
                none *= 1 - part;
                if (part > bestPart) {
                    bestPart = part;
                    best = t.getKey();
                    bestN = n;
                }
            }
            rest.add(new Rest(f, 1 - none, best, bestN));
        }
        rest.sort(Comparator.comparingDouble((Rest r) -> -round(r.likely))
                .thenComparingInt(r -> r.fix.seed() == null ? Integer.MAX_VALUE : r.fix.seed())
                .thenComparingInt(r -> r.fix.effort())
                .thenComparing(r -> r.fix.id()));
        var out = new ArrayList<>(scored);
        for (Rest r : rest) {
            Fix f = r.fix;
            Cause cause = r.cause == null ? null : knowledge.causes().get(r.cause);
            String reason = "no evidence points here yet" + (cause == null ? ""
                    : "; it treats " + cause.title() + ", the cause of " + r.n + " of " + counts.total() + " real incidents with " + with);
            out.add(new RankedFix(out.size() + 1, f.id(), f.title(), 0, f.seed(), f.effort(), f.risk(),
                    r.cause == null ? List.of() : List.of(r.cause), reason,
                    f.stepsFor(site, siteLists, changeKinds, r.cause).stream().map(step -> fill(step, null)).toList(), fill(f.verify(), null), fill(f.undo(), null)));
        }
        return out;
    }

    /** The statuses seen, in words: "502" or "502 or 504". */
    private static String seen(List<Integer> statuses) {
        return statuses.stream().map(String::valueOf).reduce((a, b) -> a + " or " + b).orElse("?");
    }

    /** Whose incidents the counts are, as "real incidents with ..." ends: the statuses seen, or any gateway error. */
    private static String incidentsWith(dev.gatewaydoctor.knowledge.BaseRates.Counts counts, List<Integer> statuses) {
        return counts.rows().contains("any") || statuses.isEmpty() ? "a gateway error" : "a " + seen(statuses);
    }

    private static List<RankedFix> seedChecklist(Knowledge knowledge) {
        var out = new ArrayList<RankedFix>();
        knowledge.fixes().stream().filter(f -> f.seed() != null).sorted(Comparator.comparingInt(Fix::seed)).forEach(f ->
                out.add(new RankedFix(out.size() + 1, f.id(), f.title(), 0, f.seed(), f.effort(), f.risk(), List.of(),
                        "seed checklist, method " + f.seed() + ": no evidence points anywhere yet",
                        f.steps().stream().map(s -> fill(s, null)).toList(), fill(f.verify(), null), fill(f.undo(), null))));
        return out;
    }

    /**
     * "{culprit}" becomes what the evidence names; "{culprit|the plugin}" falls back to its words. "{slug|PLUGIN}"
     * is the culprit where a command needs a plugin's or theme's slug: a name as people write it ("Query Monitor
     * 3.16") becomes the slug WordPress derives from it (query-monitor), so that no command is broken by a space.
     * "{address|127.0.0.1:PORT}" is the culprit only where it is one address a command can take (ADDRESS).
     */
    static String fill(String text, String culprit) {
        if (text == null || text.indexOf('{') < 0) return text; // most steps name no culprit
        Matcher m = CULPRIT.matcher(text);
        var sb = new StringBuilder();
        while (m.find()) {
            String named = switch (m.group(1)) {
                case "slug" -> slug(culprit);
                case "address" -> culprit != null && ADDRESS.matcher(culprit).matches() ? culprit : null;
                default -> culprit;
            };
            String with = named != null ? named : m.group(2) != null ? m.group(2) : "the culprit";
            m.appendReplacement(sb, Matcher.quoteReplacement(with));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * The slug a plugin's name gives ("Query Monitor 3.16": query-monitor): the words of the name up to its
     * version, before any aside people add ("font-awesome (a few weeks earlier)", "Adminer, via ...",
     * "2.10.29 -> 2.10.32"), without a "to" or "version" that led to the version ("updated to 3.9"). A "to"
     * inside the name stays ("Back to Top": back-to-top). Null when no word is left.
     */
    public static String slug(String name) {
        if (name == null) return null;
        String n = name.strip();
        if (SLUG.matcher(n).matches()) return n;
        var words = new ArrayList<String>();
        // Words are what spaces separate: "contact-form-7" is one word, and its "7" no version.
        for (String w : ASIDE.split(n, 2)[0].toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
            String word = w.replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[.-]+|[.-]+$", "");
            if (word.isEmpty()) continue;
            if (VERSION.matcher(word).matches()) break;
            words.add(word);
        }
        while (!words.isEmpty() && LEADS_TO_VERSION.contains(words.get(words.size() - 1))) words.remove(words.size() - 1);
        return words.isEmpty() ? null : String.join("-", words);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
