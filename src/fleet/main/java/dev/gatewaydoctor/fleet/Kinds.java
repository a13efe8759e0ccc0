package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.facts.LogLine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds of signal one bucket of a site's time saw, as whole-log reading keeps them: one line of each kind, how
 * many said it, the first and last time, and a few lines like it. A bucket keeps at most {@link #MAX_KINDS}; lines of
 * further kinds are counted in {@code dropped}.
 */
public record Kinds(Map<String, Kind> kinds, long dropped) {

    public static final int MAX_KINDS = 200;
    public static final Kinds NONE = new Kinds(Map.of(), 0);

    /**
     * One kind of signal.
     *
     * @param family the family of its first signal; {@code status} the gateway status an access log gave it, or 0
     * @param examples at most two more lines of the kind: the first that differed from {@code line}, and the latest
     */
    public record Kind(String source, String line, String family, int status, long first, long last, long count, List<String> examples) {
        public Kind {
            examples = List.copyOf(examples);
        }

        Kind seen(String text, long at, long n) {
            var ex = new ArrayList<>(examples);
            if (!text.equals(line) && !ex.contains(text)) {
                if (ex.size() < LogLine.EXAMPLES) ex.add(text);
                else ex.set(LogLine.EXAMPLES - 1, text);
            }
            return new Kind(source, line, family, status, Math.min(first, at), Math.max(last, at), count + n, ex);
        }

        Kind merge(Kind later) {
            Kind k = new Kind(source, line, family, status, Math.min(first, later.first), Math.max(last, later.last), count + later.count, examples);
            if (!later.line.equals(line)) k = k.seen(later.line, later.first, 0);
            for (String e : later.examples) k = k.seen(e, later.first, 0);
            return k;
        }

        /** The kind as the fact a diagnosis reads: its first line, with the count and times of all. */
        LogLine fact() {
            return new LogLine(source, line, Instant.ofEpochMilli(first), (int) Math.min(Integer.MAX_VALUE, count),
                    count > 1 ? Instant.ofEpochMilli(last) : null, examples);
        }
    }

    public Kinds {
        kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    }

    /** This bucket with one more line. */
    Kinds with(Input.Line line, long at) {
        var read = line.read();
        Kind known = kinds.get(read.kind());
        var next = new LinkedHashMap<>(kinds);
        if (known != null) {
            next.put(read.kind(), known.seen(line.text(), at, 1));
        } else if (kinds.size() >= MAX_KINDS) {
            return new Kinds(kinds, dropped + 1);
        } else {
            var first = read.signals().get(0);
            int status = first.family().equals("access-gateway-error") && first.status() != null ? first.status() : 0;
            next.put(read.kind(), new Kind(line.source(), line.text(), first.family(), status, at, at, 1, List.of()));
        }
        return new Kinds(next, dropped);
    }

    /** The kinds of this bucket and a later one, in the order first seen. */
    Kinds plus(Kinds later) {
        var next = new LinkedHashMap<>(kinds);
        long d = dropped + later.dropped;
        for (var e : later.kinds.entrySet()) {
            Kind mine = next.get(e.getKey());
            if (mine != null) next.put(e.getKey(), mine.merge(e.getValue()));
            else if (next.size() < MAX_KINDS) next.put(e.getKey(), e.getValue());
            else d += e.getValue().count();
        }
        return new Kinds(next, d);
    }
}
