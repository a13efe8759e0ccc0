package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.recognition.LogRecognizer;
import dev.gatewaydoctor.recognition.LogSignal;

import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * Collects the signals of one part of a log: one line of each kind, with how many lines said it and
 * when, and counts of what was skipped, each with the warning that tells it. Parts read side by side
 * are merged in file order.
 */
final class SignalCollector {
    /** Kinds of signal kept apart; beyond this, further kinds are counted in a warning (a log of a million distinct errors). */
    static final int MAX_KINDS = 5_000;

    private final LogRecognizer recognizer;
    final LogIngest.Options options;
    final LinkedHashMap<Object, Kind> kinds = new LinkedHashMap<>();
    long read, signalLines, outside, binary, invalid, tooLong, droppedKinds;

    final Instant yearReference;
    /** An access log's requests per slot of time, for the request rate; null for other logs. */
    final RequestRates rates;

    SignalCollector(LogRecognizer recognizer, LogIngest.Options options, Instant yearReference) {
        this.recognizer = recognizer;
        this.options = options;
        this.rates = "nginx-access".equals(options.source()) || "apache-access".equals(options.source())
                ? new RequestRates(options.since(), options.until()) : null;
        this.yearReference = yearReference;
    }

    final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    void accept(String text) {
        List<LogSignal> signals = recognizer.recognizeNew(new LogLine("other", text, null),
                options.zone() != null ? options.zone() : java.time.ZoneOffset.UTC);
        if (signals.isEmpty()) return;
        Instant at = timeOf(signals, text, options.zone(), yearReference);
        if (at != null && (options.since() != null && at.isBefore(options.since()) || options.until() != null && at.isAfter(options.until()))) {
            outside++;
            return;
        }
        signalLines++;
        Object key = kindOf(signals);
        Kind kind = kinds.get(key);
        if (kind == null) {
            if (kinds.size() >= MAX_KINDS) {
                droppedKinds++;
                return;
            }
            kinds.put(key, new Kind(text, at, signals));
        } else {
            kind.seen(text, at);
        }
    }

    /** When a line with these signals was written: its stamp, or a syslog stamp placed in the year before the reference. */
    static Instant timeOf(List<LogSignal> signals, String text, java.time.ZoneId zone, Instant yearReference) {
        Instant at = signals.get(0).time();
        // Syslog's stamps have no year: a log read now was written up to now (or up to --until).
        if (at == null) at = LogRecognizer.yearlessTime(text, zone != null ? zone : java.time.ZoneOffset.UTC, yearReference);
        return at;
    }

    /** Adds what a later part of the same log kept. */
    void merge(SignalCollector later) {
        read += later.read;
        signalLines += later.signalLines;
        outside += later.outside;
        binary += later.binary;
        invalid += later.invalid;
        tooLong += later.tooLong;
        droppedKinds += later.droppedKinds;
        if (rates != null) rates.merge(later.rates);
        later.kinds.forEach((key, k) -> {
            Kind mine = kinds.get(key);
            if (mine != null) {
                mine.merge(k);
            } else if (kinds.size() < MAX_KINDS) {
                kinds.put(key, k);
            } else {
                droppedKinds += k.count;
            }
        });
    }

    LogIngest.Result result(String name) {
        String src = options.source(); // told from the first lines before reading, when "auto"
        var out = new ArrayList<LogLine>(kinds.size());
        for (Kind k : kinds.values()) {
            var line = new LogLine(src, k.line, k.first, (int) Math.min(Integer.MAX_VALUE, k.count), k.count > 1 ? k.last : null,
                    k.examples());
            out.add(line);
            // Recognised once: the diagnosis takes these signals for this line instead of reading it again.
            recognizer.remember(line, k.signals, options.zone());
        }
        var warnings = new ArrayList<String>();
        long junk = binary + invalid + tooLong;
        if (junk > 0) {
            warnings.add(name + ": skipped " + count(junk) + " of " + count(read) + " lines that are no log text ("
                    + String.join(", ", parts(binary, "binary", invalid, "not UTF-8", tooLong, "over 64 KB")) + ")");
        }
        if (droppedKinds > 0) {
            warnings.add(name + ": " + count(droppedKinds) + " lines carried signals beyond the first " + count(MAX_KINDS)
                    + " kinds and were not kept");
        }
        if (outside > 0) warnings.add(name + ": " + count(outside) + " lines with signals fell outside the time window and were left out");
        if (read > 0 && signalLines == 0 && outside == 0 && junk < read) {
            warnings.add(name + ": none of its " + count(read) + " lines matched a message family GatewayDoctor knows");
        }
        return new LogIngest.Result(name, src, List.copyOf(out), read, signalLines, outside, junk, List.copyOf(warnings),
                rates == null ? List.of() : rates.metrics());
    }

    /**
     * Lines that say the same thing about the same upstream, pool, plugin or process are one kind, whenever and for whomever.
     * An access log's gateway errors are one kind per status, whatever the page: a site failing everywhere gives three
     * facts, not one per URL (the examples show a few of the requests).
     */
    static Object kindOf(List<LogSignal> signals) {
        var key = new ArrayList<List<Object>>(signals.size());
        for (LogSignal s : signals) {
            key.add(java.util.Arrays.asList(s.family(), s.errno(), s.upstream(), s.socketPath(), s.host(), s.file(), s.plugin(), s.theme(),
                    s.function(), s.memoryLimitBytes(), s.signal(), s.pool(), s.limit(), s.process(), s.detail(), s.status(), s.removedInPhp(),
                    s.family().equals("php-fatal-error") || s.family().equals("database-connection-error") ? s.message() : null));
        }
        return key;
    }

    /** One kind of signal: its first line, how many, when the last came, and a few lines like it. */
    private static final class Kind {
        final String line;
        /** What the kind's line said, as read when it was first seen. */
        final List<LogSignal> signals;
        final Instant first;
        Instant last;
        long count = 1;
        String second;      // the second line seen, if it differs from the first
        String lastLine;    // the latest line seen after it

        Kind(String line, Instant at, List<LogSignal> signals) {
            this.line = line;
            this.signals = signals;
            this.first = at;
            this.last = at;
        }

        void seen(String text, Instant at) {
            count++;
            seenAt(at);
            example(text);
        }

        /** What a later part of the same log saw of this kind. */
        void merge(Kind later) {
            count += later.count;
            seenAt(later.last);
            for (String text : new String[] {later.line, later.second, later.lastLine}) {
                if (text != null) example(text);
            }
        }

        private void seenAt(Instant at) {
            if (at != null && (last == null || at.isAfter(last))) last = at;
        }

        /** A later line of this kind: the first that differs from the kind's own line is kept, and the latest. */
        private void example(String text) {
            if (second == null) {
                if (!text.equals(line)) second = text;
            } else {
                lastLine = text;
            }
        }

        List<String> examples() {
            var out = new ArrayList<String>(2);
            if (second != null) out.add(second);
            if (lastLine != null && !lastLine.equals(second) && !lastLine.equals(line)) out.add(lastLine);
            return out;
        }
    }

    private static List<String> parts(long a, String an, long b, String bn, long c, String cn) {
        var out = new ArrayList<String>();
        if (a > 0) out.add(count(a) + " " + an);
        if (b > 0) out.add(count(b) + " " + bn);
        if (c > 0) out.add(count(c) + " " + cn);
        return out;
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
