package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.RuleFaultException;
import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.HttpResponse;
import dev.gatewaydoctor.facts.Metric;
import dev.gatewaydoctor.facts.Site;
import dev.gatewaydoctor.privacy.Redactor;
import dev.gatewaydoctor.report.JsonReport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Fleet mode's one processor: it counts each site's lines into windowed stores, keeps its changes, and on each tick
 * of stream time opens, diagnoses again and closes the sites' incidents (docs/fleet.md, "Time").
 *
 * <p>Ticks are driven by the records themselves, not by a punctuation schedule: the first record whose time reaches
 * the next bucket boundary runs the tick for that boundary, once (the last tick run is in a store). Where a restarted
 * or moved task would register its punctuation afresh, and so fire at other stream times than before, this runs every
 * tick at the same boundary over the same state whatever happened to the instance: with exactly-once processing, a
 * restart neither loses a diagnosis nor emits one twice, nor a different one.
 */
final class IncidentProcessor implements Processor<String, Input, String, String> {

    static final String COUNTS = "fleet-counts";
    static final String KINDS = "fleet-kinds";
    static final String EVENTS = "fleet-events";
    static final String INCIDENTS = "fleet-incidents";
    static final String PENDING = "fleet-pending";
    static final String CLOCK = "fleet-clock";
    static final String DIAGNOSES_OUT = "diagnoses-out";
    static final String DEAD_LETTERS_OUT = "dead-letters-out";

    /** The changes kept per site: the latest, when a panel sends a burst. */
    static final int MAX_EVENTS = 50;
    private static final long RATE_SLOT = Duration.ofMinutes(10).toMillis();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FleetSettings settings;
    private final Diagnoser doctor;
    private final long bucket;
    private ProcessorContext<String, String> context;
    private WindowStore<String, Counts> counts;
    private WindowStore<String, Kinds> kinds;
    private KeyValueStore<String, List<Input.Event>> events;
    private KeyValueStore<String, OpenIncident> incidents;
    private KeyValueStore<String, Long> pending;
    private KeyValueStore<String, Long> clock;
    private long lastTick;

    private final FleetMetrics metrics;

    IncidentProcessor(FleetSettings settings, Diagnoser doctor, FleetMetrics metrics) {
        this.settings = settings;
        this.doctor = doctor;
        this.metrics = metrics;
        this.bucket = settings.bucket().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        counts = context.getStateStore(COUNTS);
        kinds = context.getStateStore(KINDS);
        events = context.getStateStore(EVENTS);
        incidents = context.getStateStore(INCIDENTS);
        pending = context.getStateStore(PENDING);
        clock = context.getStateStore(CLOCK);
        Long t = clock.get("tick");
        lastTick = t == null ? Long.MIN_VALUE : t;
    }

    @Override
    public void process(Record<String, Input> record) {
        // The tick first: it sees every record before its boundary and none after, whichever record reached it.
        tick();
        Input in = record.value();
        String key = record.key();
        if (in instanceof Input.Malformed m) {
            deadLetter(record, m.reason(), new String(m.value(), StandardCharsets.UTF_8), m.site());
        } else if (in instanceof Input.Line line) {
            if (!line.site().equals(key)) deadLetter(record, wrongKey(key, line.site()), lineJson(line), line.site());
            else line(record, line);
        } else if (in instanceof Input.Event e) {
            if (!e.site().equals(key)) deadLetter(record, wrongKey(key, e.site()), eventJson(e), e.site());
            else {
                metrics.changes.increment();
                event(e);
            }
        }
    }

    private static String wrongKey(String key, String site) {
        return "the record's key " + (key == null ? "is empty" : "\"" + key + "\" is not its site \"" + site + "\"")
                + ": records are keyed by site id, so that one site's lines meet in one partition";
    }

    private void line(Record<String, Input> record, Input.Line line) {
        long newest = context.currentStreamTimeMs();
        // A line that tells no time (EventTimes) is counted at the newest time seen, and is never late.
        boolean timed = line.eventTime() != null;
        long at = timed ? record.timestamp() : newest;
        if (timed && at < newest - settings.grace().toMillis()) {
            deadLetter(record, "late: written at " + Instant.ofEpochMilli(at) + ", " + Duration.ofMillis(newest - at)
                    + " behind the newest record seen (" + Instant.ofEpochMilli(newest) + "); window.grace is " + settings.grace(), lineJson(line),
                    line.site());
            return;
        }
        metrics.lines.increment();
        long b = Math.floorDiv(at, bucket) * bucket;
        Counts part = Counts.of(line);
        Counts known = counts.fetch(line.site(), b);
        counts.put(line.site(), known == null ? part : known.plus(part), b);
        if (!line.read().noise()) {
            Kinds k = kinds.fetch(line.site(), b);
            kinds.put(line.site(), (k == null ? Kinds.NONE : k).with(line, at), b);
        }
        if (part.failures() > 0 && pending.get(line.site()) == null) pending.put(line.site(), at);
    }

    private void event(Input.Event e) {
        List<Input.Event> known = events.get(e.site());
        var list = new ArrayList<Input.Event>(known == null ? List.of() : known);
        if (list.contains(e)) return; // a panel that sends a change twice
        list.add(e);
        long keepFrom = context.currentStreamTimeMs() - settings.eventsKept().toMillis();
        list.removeIf(x -> x.at().toEpochMilli() < keepFrom);
        list.sort(Comparator.comparing(Input.Event::at));
        while (list.size() > MAX_EVENTS) list.remove(0);
        events.put(e.site(), List.copyOf(list));
    }

    /** Runs the tick of the latest bucket boundary stream time has reached, when it has not run yet. */
    private void tick() {
        long now = context.currentStreamTimeMs();
        if (now < 0) return;
        long t = Math.floorDiv(now, bucket) * bucket;
        if (t <= lastTick) return;
        lastTick = t;
        clock.put("tick", t);
        // Sites with gateway failures since the last tick: does an incident open? Kept sorted, so every run alike.
        var suspects = new ArrayList<String>();
        try (var it = pending.all()) {
            it.forEachRemaining(kv -> suspects.add(kv.key));
        }
        java.util.Collections.sort(suspects);
        for (String site : suspects) {
            pending.delete(site);
            if (incidents.get(site) == null) maybeOpen(site, t);
        }
        var open = new ArrayList<String>();
        try (var it = incidents.all()) {
            it.forEachRemaining(kv -> open.add(kv.key));
        }
        java.util.Collections.sort(open);
        for (String site : open) {
            OpenIncident i = incidents.get(site);
            if (i.lastDiagnosed() == t) continue; // opened at this tick
            // Recovered: back to its baseline (frozen at the onset, before the incident's failures entered it) for close.after.
            double usual = i.baseline() * settings.quietToClose().toMillis() / settings.window().toMillis();
            if (failures(site, t - settings.quietToClose().toMillis(), t) <= usual) {
                close(site, i, t);
            } else if (t - i.lastDiagnosed() >= settings.rediagnoseEvery().toMillis()) {
                OpenIncident next = new OpenIncident(i.id(), i.openedAt(), t, i.sequence() + 1, i.baseline());
                incidents.put(site, next);
                emit(site, diagnosis(site, next, t, "update"));
            }
        }
    }

    /**
     * The site's gateway failures in the current window against its own baseline: an incident opens when they reach
     * onset.threshold and onset.factor times the baseline. The baseline is the median of the failures of every window
     * that fits in the baseline period before the current one (sliding by a bucket): a median, so that an earlier
     * incident shorter than half the period does not raise it, and a site that always fails a little is judged
     * against that. A site with no line before its current window has no baseline yet and is not judged: it is learnt
     * for one window first (a fleet's first start, a new site).
     */
    private void maybeOpen(String site, long t) {
        int w = (int) (settings.window().toMillis() / bucket);
        int n = w + (int) (settings.baseline().toMillis() / bucket);
        long from = t - n * bucket;
        long[] failures = new long[n];
        int firstSeen = -1;
        try (var it = counts.fetch(site, from, t - 1)) {
            while (it.hasNext()) {
                var kv = it.next();
                int i = (int) ((kv.key - from) / bucket);
                failures[i] = kv.value.failures();
                if (firstSeen < 0 && kv.value.lines() > 0) firstSeen = i;
            }
        }
        long current = 0;
        for (int i = n - w; i < n; i++) current += failures[i];
        if (current < settings.onsetThreshold() || firstSeen < 0) return;
        var windows = new ArrayList<Long>();
        for (int start = firstSeen; start + w <= n - w; start++) {
            long sum = 0;
            for (int i = start; i < start + w; i++) sum += failures[i];
            windows.add(sum);
        }
        if (windows.isEmpty()) return; // no whole window of history yet
        java.util.Collections.sort(windows);
        int m = windows.size();
        double baseline = m % 2 == 1 ? windows.get(m / 2) : (windows.get(m / 2 - 1) + windows.get(m / 2)) / 2.0;
        if (current < settings.onsetFactor() * baseline) return;
        // The onset: the first bucket of the window that failed more than the baseline's share of a bucket.
        long onset = t - bucket;
        for (int i = n - w; i < n; i++) {
            if (failures[i] > baseline / w) {
                onset = from + i * bucket;
                break;
            }
        }
        var incident = new OpenIncident(site + "@" + Instant.ofEpochMilli(onset), t, t, 0, baseline);
        incidents.put(site, incident);
        emit(site, diagnosis(site, incident, t, "onset"));
    }

    private void close(String site, OpenIncident i, long t) {
        incidents.delete(site);
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "closed");
        o.put("site", site);
        o.put("incidentId", i.id());
        o.put("sequence", i.sequence() + 1);
        o.put("openedAt", Instant.ofEpochMilli(i.openedAt()).toString());
        o.put("closedAt", Instant.ofEpochMilli(t).toString());
        o.put("reason", i.baseline() == 0 ? "no gateway failure for " + settings.quietToClose()
                : "gateway failures back to the site's baseline for " + settings.quietToClose());
        o.put("rulesVersion", doctor.rulesVersion());
        emit(site, o);
    }

    /** Gateway failures of the buckets from {@code from} (inclusive) to {@code to} (exclusive). */
    private long failures(String site, long from, long to) {
        long sum = 0;
        try (var it = counts.fetch(site, from, to - 1)) {
            while (it.hasNext()) sum += it.next().value.failures();
        }
        return sum;
    }

    /** The site's fact set from its windows and changes, diagnosed, as the JSON of diagnose --json with the incident's fields. */
    private ObjectNode diagnosis(String site, OpenIncident incident, long t, String reason) {
        long window = settings.window().toMillis();
        long from = Math.max(incident.openedAt() - window, t - settings.retention().toMillis() + settings.grace().toMillis());
        FactSet facts = facts(site, from, t);
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "diagnosis");
        o.put("site", site);
        o.put("incidentId", incident.id());
        o.put("sequence", incident.sequence());
        o.put("reason", reason);
        o.putObject("window").put("from", Instant.ofEpochMilli(from).toString()).put("to", Instant.ofEpochMilli(t).toString());
        o.put("failures", failures(site, t - window, t));
        try {
            Diagnosis d = doctor.diagnose(facts);
            Diagnosis shown = settings.redact() ? Redactor.redact(d) : d;
            o.put("rulesVersion", d.rulesVersion());
            // Ranking next checks diagnoses every answer of every check: the most costly part, so it can be left out.
            var checks = settings.nextChecks() ? doctor.nextChecks(facts, d) : List.<dev.gatewaydoctor.NextCheck>of();
            o.setAll(JsonReport.tree("site:" + site, shown, checks, doctor.whyNot(shown), w -> w));
        } catch (RuleFaultException e) {
            // A rule that throws or loops: the incident is still reported, with the error, never a half answer.
            o.put("rulesVersion", doctor.rulesVersion());
            o.put("error", e.getMessage());
        }
        return o;
    }

    /**
     * The facts of the site between {@code from} and the tick: a log line of each kind with its count (as whole-log
     * reading keeps them), a response per gateway status an access log recorded, the request rate per 10 minutes over
     * the baseline and the window (the rules compare it around the first error), and its changes.
     */
    FactSet facts(String site, long from, long t) {
        var out = new ArrayList<Fact>();
        var warnings = new ArrayList<String>();
        Kinds all = Kinds.NONE;
        try (var it = kinds.fetch(site, from, t - 1)) {
            while (it.hasNext()) all = all.plus(it.next().value);
        }
        var firstByStatus = new TreeMap<Integer, Long>();
        for (Kinds.Kind k : all.kinds().values()) {
            out.add(k.fact());
            if (k.status() > 0) firstByStatus.merge(k.status(), k.first(), Math::min);
        }
        firstByStatus.forEach((status, at) -> out.add(new HttpResponse(status, null, null, null, null, null, Instant.ofEpochMilli(at),
                null, null, null, false)));
        if (all.dropped() > 0) warnings.add(all.dropped() + " lines carried signals beyond the first " + Kinds.MAX_KINDS + " kinds and were not kept");

        long ratesFrom = t - settings.window().toMillis() - settings.baseline().toMillis();
        var slots = new TreeMap<Long, Long>();
        try (var it = counts.fetch(site, ratesFrom, t - 1)) {
            while (it.hasNext()) {
                var kv = it.next();
                if (kv.value.requests() > 0) slots.merge(Math.floorDiv(kv.key, RATE_SLOT) * RATE_SLOT, kv.value.requests(), Long::sum);
            }
        }
        slots.forEach((slot, requests) -> {
            double seconds = (Math.min(slot + RATE_SLOT, t) - Math.max(slot, ratesFrom)) / 1000.0;
            out.add(new Metric("requests.per.second", Math.round(requests / Math.max(60, seconds) * 100) / 100.0, "req/s", Instant.ofEpochMilli(slot)));
        });

        List<Input.Event> changes = events.get(site);
        if (changes != null) {
            long keepFrom = t - settings.eventsKept().toMillis();
            for (var e : changes) {
                if (e.at().toEpochMilli() >= keepFrom && e.at().toEpochMilli() < t) {
                    out.add(new dev.gatewaydoctor.facts.Event(e.kind(), e.subject(), e.at()));
                }
            }
        }
        Site s = settings.zone().equals(ZoneOffset.UTC) ? null : Site.UNKNOWN.withTimezone(settings.zone().getId());
        return new FactSet("site " + site, s, out, null, warnings);
    }

    private void emit(String site, ObjectNode o) {
        // Output records carry the time they were made: a diagnosis of a replayed log from last year must not fall to
        // the output topic's retention as soon as it is written.
        context.forward(new Record<>(site, JsonReport.write(o), System.currentTimeMillis()), DIAGNOSES_OUT);
        if (o.path("type").asText().equals("closed")) metrics.closed.increment();
        else if (o.path("reason").asText().equals("onset")) metrics.onsets.increment();
        else metrics.updates.increment();
    }

    /** A record that could not be used, with the reason, where it came from, and the site when that much was read. */
    private void deadLetter(Record<String, Input> record, String reason, String value, String site) {
        ObjectNode o = JSON.createObjectNode();
        o.put("reason", reason);
        if (site != null) o.put("site", site);
        context.recordMetadata().ifPresent(m -> o.put("topic", m.topic()).put("partition", m.partition()).put("offset", m.offset()));
        if (record.key() != null) o.put("key", record.key());
        o.put("value", value.length() > 10_000 ? value.substring(0, 10_000) + "..." : value);
        context.forward(new Record<>(record.key(), JsonReport.write(o), System.currentTimeMillis()), DEAD_LETTERS_OUT);
        metrics.deadLetters.increment();
    }

    private static String eventJson(Input.Event e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("site", e.site()).put("kind", e.kind());
        if (e.subject() != null) o.put("subject", e.subject());
        o.put("at", e.at().toString());
        return JsonReport.write(o);
    }

    private static String lineJson(Input.Line line) {
        ObjectNode o = JSON.createObjectNode();
        o.put("site", line.site()).put("source", line.source()).put("line", line.text());
        if (line.at() != null) o.put("at", line.at().toString());
        return JsonReport.write(o);
    }
}
