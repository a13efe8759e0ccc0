package dev.gatewaydoctor.engine;

import dev.gatewaydoctor.facts.Event;
import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.HttpResponse;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.facts.Metric;
import dev.gatewaydoctor.recognition.LogSignal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Derives the facts about time that rule authors should not have to compute: the onset, where the
 * record ends, each failure as an event, the error rate per slot, the incident's shape (steady,
 * intermittent, periodic), every event placed against the onset with changes ranked by distance,
 * and traffic around the onset against its baseline. Everything here follows from the facts alone:
 * never from the clock of the machine that runs the diagnosis.
 */
final class Timeline {

    /**
     * Events never expire ("-1"): Drools would otherwise expire them by the windows the rules use, or at
     * an explicit offset, before the rules fire, since the clock stands at the record's end from the start.
     */
    static final String KEEP_EVENTS = "-1";
    /** Failures further apart than this are separate bursts. */
    static final Duration BURST_GAP = Duration.ofMinutes(15);
    /** Bursts closer than this are one episode when looking for a recurring one (a daily peak of an hour). */
    static final Duration EPISODE_GAP = Duration.ofHours(2);
    static final Duration BRIEF = Duration.ofMinutes(5);
    /**
     * A gap longer than this without any failure ends an incident: two days and a few hours, so that a
     * daily peak that skipped a day is still one incident, and a stray error three days back is not.
     */
    static final Duration QUIET_GAP = Duration.ofHours(52);
    /**
     * What happens to a site rather than what someone changes in it: never ranked as a change. A restart
     * changes nothing that lasts (stale-upstream-address reads it on its own).
     */
    private static final Set<String> NOT_CHANGES = Set.of("incident", "traffic-spike", "host-maintenance", "service-restarted");
    private static final int MAX_RATE_SLOTS = 1000;
    private static final int[] SLOT_MINUTES = {10, 60, 1440, 10080};

    private Timeline() {
    }

    /** What the engine inserts, and where the pseudo clock stands (null when no fact has a time). */
    record Derived(List<Object> facts, Onset onset, Instant end) {

        /** The timeline as the diagnosis shows it. */
        dev.gatewaydoctor.Incident incident() {
            if (onset == null) return null;
            ErrorTimeline t = facts.stream().filter(ErrorTimeline.class::isInstance).map(ErrorTimeline.class::cast).findFirst().orElseThrow();
            String lastChange = facts.stream().filter(f -> f instanceof EventTiming e && e.rankBeforeOnset() == 1)
                    .map(f -> (EventTiming) f)
                    .map(e -> e.kind() + (e.subject() == null ? "" : " " + e.subject()) + ", " + ErrorTimeline.span(e.minutesBeforeOnset()) + " before")
                    .findFirst().orElse(null);
            return new dev.gatewaydoctor.Incident(onset.at(), onset.seenIn(), t.lastError(), t.durationMinutes(), t.errors(), t.pattern(),
                    lastChange);
        }
    }

    static boolean isChange(String kind) {
        return kind != null && !NOT_CHANGES.contains(kind);
    }

    static Derived derive(List<Fact> facts, List<LogSignal> signals, ZoneId zone) {
        var errors = new ArrayList<ErrorSeen>();   // one per response and per signal: what rules match
        var failures = new ArrayList<ErrorSeen>(); // one per response and per line: what the timeline counts
        var goodResponses = new ArrayList<Instant>();
        Instant end = recordEnd(facts, signals);
        for (Fact f : facts) {
            if (f instanceof HttpResponse r && r.at() != null) {
                if (r.gatewayError()) errors.add(new ErrorSeen("gateway-error", "http " + r.status(), r.at(), r.at(), 1));
                else if (r.status() < 400) goodResponses.add(r.at());
            }
        }
        failures.addAll(errors);
        var lines = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<LogLine, Boolean>());
        for (LogSignal s : signals) {
            if (s.time() == null) continue;
            Instant last = s.lastTime() != null && s.lastTime().isAfter(s.time()) ? s.lastTime() : s.time();
            ErrorSeen e = new ErrorSeen(s.family(), s.log().source(), s.time(), last, s.count());
            errors.add(e);
            if (lines.add(s.log())) failures.add(e); // a line that says two things is still one failure
        }
        var out = new ArrayList<Object>(errors);
        if (end != null) out.add(new RecordEnd(end));
        if (failures.isEmpty()) return new Derived(out, null, end);

        failures.sort(Comparator.comparing(ErrorSeen::at));
        // More than two days (52 h) without any failure end an incident: a stray error last week in a log read whole
        // is no part of today's outage, and must not put the onset (and "before the onset") a week back.
        int start = 0;
        Instant lastSoFar = failures.get(0).lastAt();
        for (int i = 1; i < failures.size(); i++) {
            if (Duration.between(lastSoFar, failures.get(i).at()).compareTo(QUIET_GAP) > 0) start = i;
            if (failures.get(i).lastAt().isAfter(lastSoFar)) lastSoFar = failures.get(i).lastAt();
        }
        int earlier = failures.subList(0, start).stream().mapToInt(ErrorSeen::count).sum();
        failures = new ArrayList<>(failures.subList(start, failures.size()));
        ErrorSeen first = failures.get(0);
        Onset onset = new Onset(first.at(), first.family().equals("gateway-error") ? first.source() : first.family() + " in " + first.source());
        out.add(onset);
        out.addAll(eventTimings(facts, onset));
        out.addAll(rates(failures, onset.at()));
        out.add(shape(failures, goodResponses, end, zone == null ? java.time.ZoneOffset.UTC : zone, earlier));
        TrafficAroundOnset traffic = traffic(facts, onset.at());
        if (traffic != null) out.add(traffic);
        return new Derived(out, onset, end);
    }

    private static List<EventTiming> eventTimings(List<Fact> facts, Onset onset) {
        var timed = facts.stream().filter(f -> f instanceof Event e && e.at() != null).map(f -> (Event) f).toList();
        var changesBefore = timed.stream().filter(e -> isChange(e.kind()) && !e.at().isAfter(onset.at()))
                .sorted(Comparator.comparing(Event::at).reversed()).toList();
        return timed.stream().map(e -> EventTiming.of(e, onset, changesBefore.indexOf(e) + 1)).toList();
    }

    private static List<ErrorRate> rates(List<ErrorSeen> errors, Instant onset) {
        Instant last = errors.stream().map(ErrorSeen::lastAt).max(Comparator.naturalOrder()).orElse(onset);
        long spanMinutes = Duration.between(onset, last).toMinutes();
        int slot = SLOT_MINUTES[SLOT_MINUTES.length - 1];
        for (int m : SLOT_MINUTES) {
            if (spanMinutes / m < MAX_RATE_SLOTS) {
                slot = m;
                break;
            }
        }
        var bySlot = new TreeMap<Long, Integer>();
        for (ErrorSeen e : errors) {
            long from = Duration.between(onset, e.at()).toMinutes() / slot;
            long to = Duration.between(onset, e.lastAt()).toMinutes() / slot;
            long slots = to - from + 1;
            for (long i = from; i <= to; i++) {
                int share = (int) (e.count() / slots + (i - from < e.count() % slots ? 1 : 0));
                if (share > 0) bySlot.merge(i, share, Integer::sum);
            }
        }
        int minutes = slot;
        return bySlot.entrySet().stream().map(s -> new ErrorRate(onset.plus(Duration.ofMinutes(s.getKey() * minutes)), minutes, s.getValue())).toList();
    }

    private static ErrorTimeline shape(List<ErrorSeen> errors, List<Instant> goodResponses, Instant end, ZoneId zone, int earlier) {
        var burstStarts = new ArrayList<Instant>();
        var episodeStarts = new ArrayList<Instant>();
        Instant burstEnd = null;
        int count = 0;
        Instant lastError = errors.get(0).lastAt();
        for (ErrorSeen e : errors) {
            count += e.count();
            if (e.lastAt().isAfter(lastError)) lastError = e.lastAt();
            Instant prevEnd = burstEnd;
            boolean goodBetween = prevEnd != null && goodResponses.stream().anyMatch(g -> g.isAfter(prevEnd) && g.isBefore(e.at()));
            if (prevEnd == null || Duration.between(prevEnd, e.at()).compareTo(EPISODE_GAP) > 0) episodeStarts.add(e.at());
            if (prevEnd == null || Duration.between(prevEnd, e.at()).compareTo(BURST_GAP) > 0 || goodBetween) {
                burstStarts.add(e.at());
                burstEnd = e.lastAt();
            } else if (e.lastAt().isAfter(burstEnd)) {
                burstEnd = e.lastAt();
            }
        }
        Instant onset = errors.get(0).at();
        Duration duration = Duration.between(onset, lastError);
        boolean brief = duration.compareTo(BRIEF) <= 0;
        int bursts = burstStarts.size();
        long period = episodeStarts.size() >= 3 ? period(episodeStarts) : bursts >= 3 ? period(burstStarts) : 0;
        String pattern = bursts == 1 ? (brief ? "single" : "steady") : period > 0 ? "periodic" : "intermittent";
        int hour = period > 0 ? commonHour(episodeStarts.size() >= 3 ? episodeStarts : burstStarts, zone) : -1;
        return new ErrorTimeline(onset, lastError, duration.toMinutes(), count, bursts, pattern, brief, period, hour, earlier,
                Duration.between(lastError, end).toMinutes());
    }

    /**
     * The usual interval between burst starts, when every interval is (a whole multiple of) it, give or
     * take 15% or 20 minutes: a daily peak that skipped a day is still daily. 0 when irregular.
     */
    private static long period(List<Instant> starts) {
        var gaps = new ArrayList<Long>();
        for (int i = 1; i < starts.size(); i++) gaps.add(Duration.between(starts.get(i - 1), starts.get(i)).toMinutes());
        var sorted = gaps.stream().sorted().toList();
        long usual = sorted.get(0);
        if (usual < 30) return 0;
        double tolerance = Math.max(20, usual * 0.15);
        for (long g : gaps) {
            long multiple = Math.max(1, Math.round(g / (double) usual));
            if (multiple > 3 || Math.abs(g - multiple * usual) > tolerance) return 0;
        }
        return Math.round(sorted.stream().filter(g -> Math.round(g / (double) usual) == 1).mapToLong(Long::longValue).average().orElse(usual));
    }

    private static int commonHour(List<Instant> starts, ZoneId zone) {
        int[] byHour = new int[24];
        for (Instant s : starts) byHour[s.atZone(zone).getHour()]++;
        int best = 0;
        for (int h = 1; h < 24; h++) if (byHour[h] > byHour[best]) best = h;
        return best;
    }

    private static TrafficAroundOnset traffic(List<Fact> facts, Instant onset) {
        double near = -1;
        var before = new ArrayList<Double>();
        Double stated = null;
        for (Fact f : facts) {
            if (!(f instanceof Metric m)) continue;
            if (m.name().equals("requests.per.second.baseline")) stated = m.value();
            if (!m.name().equals("requests.per.second") || m.at() == null) continue;
            long minutes = Duration.between(m.at(), onset).toMinutes();
            if (Math.abs(minutes) <= 15) near = Math.max(near, m.value());
            else if (minutes > 30) before.add(m.value());
        }
        if (near < 0) return null;
        double baseline;
        String from;
        if (!before.isEmpty()) {
            before.sort(null);
            baseline = before.get(before.size() / 2);
            from = "median of " + before.size() + " earlier sample" + (before.size() == 1 ? "" : "s");
        } else if (stated != null) {
            baseline = stated;
            from = "the stated baseline";
        } else {
            return null;
        }
        if (baseline <= 0) return null;
        return new TrafficAroundOnset(near, baseline, Math.round(near / baseline * 100) / 100.0, from);
    }

    /** The latest time any fact or recognised line shows, or null when none has a time. */
    static Instant recordEnd(List<Fact> facts, List<LogSignal> signals) {
        Instant end = null;
        for (Fact f : facts) {
            end = later(end, f.at());
            if (f instanceof LogLine l) end = later(end, l.lastAt());
        }
        for (LogSignal s : signals) end = later(later(end, s.time()), s.lastTime());
        return end;
    }

    private static Instant later(Instant a, Instant b) {
        return b == null ? a : a == null || b.isAfter(a) ? b : a;
    }
}
