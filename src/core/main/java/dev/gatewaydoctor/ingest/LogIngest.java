package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.recognition.LogRecognizer;
import dev.gatewaydoctor.recognition.LogSignal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads a whole log (of any size, gzipped or not) once, line by line, and keeps what a diagnosis needs:
 * one line of each kind of signal, with how many lines said it and when the first and the last did.
 * The rules then reason over a few dozen facts with counts, not over millions of lines. Lines that
 * carry no signal are counted and dropped; junk (binary data, invalid UTF-8, lines over 64 KB) is
 * counted, skipped and summed up in one warning.
 */
public final class LogIngest {

    /** Lines longer than this are junk: no log message is, and reading one should not fill the heap. */
    public static final int MAX_LINE = 64 * 1024;
    private static final int SNIFF_LINES = 200;
    private static final int CHUNK = 1 << 20;

    /** What to keep: the source the lines came from ("auto": read it off the lines) and a time window (null: open). */
    public record Options(String source, Instant since, Instant until, java.time.ZoneId zone) {
        public static final Options AUTO = new Options("auto", null, null, null);

        public Options(String source, Instant since, Instant until) {
            this(source, since, until, null);
        }
    }

    /** What one log gave: a line of each kind of signal with its count, the source, and what was skipped. */
    public record Result(String name, String source, List<LogLine> lines, long linesRead, long signalLines,
                         long outsideWindow, long junk, List<String> warnings, List<dev.gatewaydoctor.facts.Metric> requestRates) {
    }

    /** Told how far reading has got, for a progress bar. */
    public interface Progress {
        void bytesRead(long bytes);
    }

    private final LogRecognizer recognizer;
    private final SignalWords words;

    /** Reads logs with these message families; the byte prefilter searches for the words they declare. */
    public LogIngest(LogRecognizer recognizer) {
        this.recognizer = recognizer;
        this.words = new SignalWords(recognizer.words());
    }

    /** Reads a log file; a gzipped one (logrotate's .gz) is read as it is. */
    public Result read(java.nio.file.Path file, Options options, Progress progress) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return read(file.toString(), in, options, progress);
        }
    }

    /** Reads a log from a stream (gzip is recognised by its first bytes, whatever the name). */
    public Result read(String name, InputStream raw, Options options, Progress progress) throws IOException {
        var counting = new CountingInputStream(raw, progress);
        InputStream in = new BufferedInputStream(counting, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);

        // The log is cut into 1 MB chunks at line ends, read on every core; the kinds each chunk kept are
        // merged in file order. Buffers are reused: memory stays a few megabytes whatever the log's size.
        // The source is told from the first lines before any chunk is read: an access log's requests are
        // counted per time slot on the way, for the request rate around the first error.
        int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        int buffers = 2 * workers + 2;
        var free = new java.util.concurrent.ArrayBlockingQueue<byte[]>(buffers);
        for (int i = 0; i < buffers; i++) free.add(new byte[CHUNK + MAX_LINE]);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "gatewaydoctor-log-reader");
            t.setDaemon(true);
            return t;
        });
        var pending = new java.util.ArrayDeque<java.util.concurrent.Future<SignalCollector>>();
        SignalCollector kept = null;
        try {
            byte[] buf = free.take();
            int n = in.readNBytes(buf, 0, buf.length);
            Options known = knowingSource(options, new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            Instant yearReference = yearReference(options);
            kept = new SignalCollector(recognizer, known, yearReference);
            boolean skipping = false; // inside a line too long to keep, until its end
            boolean first = true;
            while (true) {
                if (!first) n += in.readNBytes(buf, n, buf.length - n);
                first = false;
                boolean eof = n < buf.length;
                if (skipping) {
                    int nl = indexOf(buf, (byte) '\n', 0, n);
                    if (nl < 0) {
                        n = 0;
                        if (eof) break;
                        continue;
                    }
                    System.arraycopy(buf, nl + 1, buf, 0, n - nl - 1);
                    n -= nl + 1;
                    skipping = false;
                    if (!eof) continue;
                }
                int cut = eof ? n : lastIndexOf(buf, (byte) '\n', n) + 1;
                if (cut == 0 && !eof) { // a full buffer without a line end
                    kept.read++;
                    kept.tooLong++;
                    skipping = true;
                    n = 0;
                    continue;
                }
                byte[] chunk = buf;
                int length = cut;
                pending.add(pool.submit(() -> {
                    try {
                        return scan(chunk, length, new SignalCollector(recognizer, known, yearReference));
                    } finally {
                        free.add(chunk);
                    }
                }));
                while (pending.size() > 2 * workers) kept.merge(take(pending.poll()));
                if (eof) break;
                buf = free.take();
                int carry = n - cut;
                if (carry > MAX_LINE) {
                    kept.read++;
                    kept.tooLong++;
                    skipping = true;
                    n = 0;
                } else {
                    System.arraycopy(chunk, cut, buf, 0, carry);
                    n = carry;
                }
            }
            while (!pending.isEmpty()) kept.merge(take(pending.poll()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading a log");
        } finally {
            pool.shutdownNow();
        }
        return kept.result(name);
    }

    private static int indexOf(byte[] b, byte x, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] == x) return i;
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte x, int to) {
        for (int i = to - 1; i >= 0; i--) if (b[i] == x) return i;
        return -1;
    }

    /** The options with the source told from the log's first lines, when it was "auto". */
    private static Options knowingSource(Options options, String head) {
        if (options.source() != null && !options.source().equals("auto")) return options;
        var lines = new ArrayList<String>();
        int start = 0;
        while (start < head.length() && lines.size() < SNIFF_LINES) {
            int end = head.indexOf('\n', start);
            if (end < 0) end = head.length();
            if (end - start <= MAX_LINE) {
                String line = head.substring(start, end).strip();
                if (!line.isEmpty()) lines.add(line);
            }
            start = end + 1;
        }
        return new Options(LogSources.sniff(lines), options.since(), options.until(), options.zone());
    }

    /** What a syslog stamp's year is placed against: a log read now was written up to now (or up to --until). */
    private static Instant yearReference(Options options) {
        return options.until() != null ? options.until() : Instant.now();
    }

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /**
     * The time an access log line ("... [16/May/2024:09:12:03 +0200] \"GET ...") was written, as epoch
     * seconds, read straight off the bytes (every line of an access log is a request, so this runs on
     * each); Long.MIN_VALUE when the line has no such stamp.
     */
    static long accessTime(byte[] b, int from, int to) {
        int limit = Math.min(to, from + 512);
        int i = from;
        while (i < limit && b[i] != '[') i++;
        if (i + 28 > to || b[i + 3] != '/' || b[i + 7] != '/' || b[i + 12] != ':' || b[i + 21] != ' ' || b[i + 27] != ']') return Long.MIN_VALUE;
        int day = num(b, i + 1, 2), year = num(b, i + 8, 4), hour = num(b, i + 13, 2), minute = num(b, i + 16, 2), second = num(b, i + 19, 2);
        int offH = num(b, i + 23, 2), offM = num(b, i + 25, 2);
        int month = month(b, i + 4);
        if (day < 1 || day > 31 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60
                || offH < 0 || offH > 14 || offM < 0 || offM > 59 || month < 1 || (b[i + 22] != '+' && b[i + 22] != '-')) {
            return Long.MIN_VALUE;
        }
        // Days from the civil date (Howard Hinnant's algorithm): no objects per line.
        int y = month <= 2 ? year - 1 : year;
        int era = y / 400;
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long days = era * 146097L + doe - 719468;
        long offset = (offH * 3600L + offM * 60L) * (b[i + 22] == '-' ? -1 : 1);
        return days * 86400 + hour * 3600L + minute * 60L + second - offset;
    }

    /** 1-12 for "Jan".."Dec" at b[at], else -1. */
    private static int month(byte[] b, int at) {
        for (int m = 0; m < 12; m++) {
            if (MONTHS.charAt(3 * m) == b[at] && MONTHS.charAt(3 * m + 1) == b[at + 1] && MONTHS.charAt(3 * m + 2) == b[at + 2]) return m + 1;
        }
        return -1;
    }

    /** Two counts of one slot of requests: how many, the first and the last second seen. */
    private static int num(byte[] b, int at, int digits) {
        int v = 0;
        for (int k = at; k < at + digits; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * Reads the lines of one chunk. Each byte goes once through the signal-word automaton; a line that
     * holds no such word is counted and dropped without becoming a string. Lines with bytes outside
     * ASCII (rare in logs) are decoded and read in full, so that nothing hangs on the bytes' search.
     */
    private SignalCollector scan(byte[] b, int length, SignalCollector kept) {
        int start = 0;
        int state = 0;
        boolean hit = false;
        boolean odd = false; // a NUL, or a byte over 0x7f
        for (int i = 0; i < length; i++) {
            byte x = b[i];
            if (x == '\n') {
                line(b, start, i, hit, odd, kept);
                start = i + 1;
                state = 0;
                hit = false;
                odd = false;
            } else {
                if (x <= 0) odd = true;
                if (!hit) {
                    state = words.step(state, x);
                    hit = state < 0;
                }
            }
        }
        if (start < length) line(b, start, length, hit, odd, kept);
        return kept;
    }

    private void line(byte[] b, int from, int to, boolean hit, boolean odd, SignalCollector kept) {
        kept.read++;
        if (to > from && b[to - 1] == '\r') to--;
        if (kept.rates != null) kept.rates.request(accessTime(b, from, to));
        if (to - from > MAX_LINE) {
            kept.tooLong++;
        } else if (odd) {
            if (indexOf(b, (byte) 0, from, to) >= 0) {
                kept.binary++;
                return;
            }
            try {
                String text = kept.utf8.decode(ByteBuffer.wrap(b, from, to - from)).toString();
                kept.accept(text);
            } catch (CharacterCodingException e) {
                kept.invalid++;
            }
        } else if (hit) {
            // ASCII: copied as it is, without the cost of a validating decoder.
            kept.accept(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        }
    }

    /** Reads a log that is already text (a support tool's paste). */
    public Result read(String name, java.io.Reader reader, Options options) throws IOException {
        var in = new java.io.BufferedReader(reader, 1 << 16);
        if (options.source() == null || options.source().equals("auto")) {
            // As for bytes: the source is told from the first lines, read ahead and then read again.
            in.mark(CHUNK);
            char[] head = new char[CHUNK];
            int n = in.read(head, 0, head.length);
            int got = Math.max(n, 0);
            while (n > 0 && got < head.length && (n = in.read(head, got, head.length - got)) > 0) got += n;
            in.reset();
            options = knowingSource(options, new String(head, 0, got));
        }
        var kept = new SignalCollector(recognizer, options, yearReference(options));
        var sb = new StringBuilder();
        int c;
        boolean tooLong = false;
        while (true) {
            c = in.read();
            if (c == '\n' || c == -1) {
                if (c == -1 && sb.length() == 0 && !tooLong) break;
                kept.read++;
                if (tooLong) kept.tooLong++;
                else if (sb.indexOf("\u0000") >= 0) kept.binary++;
                else {
                    String text = sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r' ? sb.substring(0, sb.length() - 1) : sb.toString();
                    if (kept.rates != null) {
                        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
                        kept.rates.request(accessTime(bytes, 0, bytes.length));
                    }
                    kept.accept(text);
                }
                sb.setLength(0);
                tooLong = false;
                if (c == -1) break;
            } else if (!tooLong) {
                if (sb.length() >= MAX_LINE) {
                    tooLong = true;
                    sb.setLength(0);
                } else {
                    sb.append((char) c);
                }
            }
        }
        return kept.result(name);
    }

    /**
     * What one line said, read as whole-log reading reads each line of a log.
     *
     * @param junk      why the line is no log text ("binary", "over 64 KB"), or null
     * @param requestAt for a line of an access log, when its request was made (every line of one is a request), else null
     * @param signals   what the message families read in it; empty for noise
     * @param at        when it was written, by its stamp (a syslog stamp placed in the year before the reference), or null
     * @param kind      the kind of signal: lines with the same kind say the same thing about the same upstream, pool,
     *                  plugin or process, and whole-log reading keeps one line of each kind with a count; null for noise
     */
    public record Line(String junk, Instant requestAt, List<LogSignal> signals, Instant at, String kind) {
        public Line {
            signals = List.copyOf(signals);
        }

        /** Whether the line carries no signal: most lines of a real log. */
        public boolean noise() {
            return signals.isEmpty();
        }
    }

    private static final Line JUNK_BINARY = new Line("binary", null, List.of(), null, null);
    private static final Line JUNK_TOO_LONG = new Line("over 64 KB", null, List.of(), null, null);

    /**
     * Reads one line alone, for a reader of a stream of lines that never holds a whole log (fleet mode): the same
     * junk checks, signal-word prefilter, recognition, time and kind as {@link #read}, so that a line counts alike
     * in a log read whole and in a stream.
     *
     * @param source        the log the line came from (one of {@link LogSources#ALL}; an access log's lines give their request time)
     * @param text          the line, without its line end
     * @param zone          the zone of stamps that carry none (null: UTC)
     * @param yearReference the latest time the line may be from, for syslog stamps that carry no year
     * @return what the line said
     */
    public Line readLine(String source, String text, java.time.ZoneId zone, Instant yearReference) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LINE) return JUNK_TOO_LONG;
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        boolean ascii = true;
        boolean hit = false;
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) return JUNK_BINARY;
            if (c >= 0x80) ascii = false;
            else if (!hit) {
                state = words.step(state, (byte) c);
                hit = state < 0;
            }
        }
        Instant requestAt = null;
        if ("nginx-access".equals(source) || "apache-access".equals(source)) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            long t = accessTime(bytes, 0, bytes.length);
            if (t != Long.MIN_VALUE) requestAt = Instant.ofEpochSecond(t);
        }
        // As in a whole log, a line outside ASCII is read in full: the byte prefilter does not search it.
        if (ascii && !hit) return new Line(null, requestAt, List.of(), null, null);
        java.time.ZoneId z = zone != null ? zone : java.time.ZoneOffset.UTC;
        List<LogSignal> signals = recognizer.recognizeNew(new LogLine("other", text, null), z);
        if (signals.isEmpty()) return new Line(null, requestAt, List.of(), null, null);
        return new Line(null, requestAt, signals, SignalCollector.timeOf(signals, text, z, yearReference),
                SignalCollector.kindOf(signals).toString());
    }

    private static SignalCollector take(java.util.concurrent.Future<SignalCollector> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading a log");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IOException(e.getCause());
        }
    }

    /** Counts the bytes that go through, for the progress bar. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private final Progress progress;
        private long bytes;

        CountingInputStream(InputStream in, Progress progress) {
            super(in);
            this.progress = Objects.requireNonNullElse(progress, b -> { });
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) progress.bytesRead(++bytes);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) progress.bytesRead(bytes += n);
            return n;
        }
    }

}
