package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.facts.Metric;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An access log's requests, counted per 10-minute slot as it is read, for the request rate around the
 * first error: every line of an access log is a request, signal or not.
 */
final class RequestRates {

    /** Requests are counted in slots of this many seconds. */
    private static final long SLOT = 600;
    /** Past two weeks of slots, an hour per slot. */
    private static final long MAX_SLOTS = 2016;

    private final Instant since;
    private final Instant until;
    /** Per slot: how many, and the first and last second seen in it (the log's first and last slots are partial). */
    private final TreeMap<Long, long[]> slots = new TreeMap<>();

    RequestRates(Instant since, Instant until) {
        this.since = since;
        this.until = until;
    }

    void request(long epochSecond) {
        if (epochSecond == Long.MIN_VALUE) return;
        if (since != null && epochSecond < since.getEpochSecond()) return;
        if (until != null && epochSecond > until.getEpochSecond()) return;
        long[] slot = slots.computeIfAbsent(Math.floorDiv(epochSecond, SLOT), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
        slot[0]++;
        slot[1] = Math.min(slot[1], epochSecond);
        slot[2] = Math.max(slot[2], epochSecond);
    }

    /** Adds what a later part of the same log counted. */
    void merge(RequestRates later) {
        if (later != null) later.slots.forEach((slot, v) -> slots.merge(slot, v, RequestRates::sum));
    }

    /**
     * Requests per second in each 10-minute slot (an hour's when the log spans more than two weeks), as
     * requests.per.second metrics at the slot's start. The log's first and last slots count only the
     * time they cover.
     */
    List<Metric> metrics() {
        if (slots.isEmpty()) return List.of();
        long width = SLOT;
        TreeMap<Long, long[]> by = slots;
        if (slots.lastKey() - slots.firstKey() > MAX_SLOTS) {
            width = SLOT * 6;
            by = new TreeMap<>();
            for (var e : slots.entrySet()) by.merge(Math.floorDiv(e.getKey(), 6L), e.getValue(), RequestRates::sum);
        }
        var out = new ArrayList<Metric>(by.size());
        long firstSlot = by.firstKey();
        long lastSlot = by.lastKey();
        for (var e : by.entrySet()) {
            long start = e.getKey() * width;
            long from = e.getKey() == firstSlot ? e.getValue()[1] : start;
            long to = e.getKey() == lastSlot ? e.getValue()[2] + 1 : start + width;
            double seconds = Math.max(60, to - from);
            out.add(new Metric("requests.per.second", Math.round(e.getValue()[0] / seconds * 100) / 100.0, "req/s", Instant.ofEpochSecond(start)));
        }
        return out;
    }

    private static long[] sum(long[] a, long[] b) {
        return new long[] {a[0] + b[0], Math.min(a[1], b[1]), Math.max(a[2], b[2])};
    }
}
