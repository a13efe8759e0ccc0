package dev.gatewaydoctor;

import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetException;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.facts.Site;
import dev.gatewaydoctor.ingest.HttpTranscripts;
import dev.gatewaydoctor.ingest.LogIngest;
import dev.gatewaydoctor.ingest.LogSources;
import dev.gatewaydoctor.ingest.TicketReader;
import dev.gatewaydoctor.knowledge.Knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Everything known about one incident, gathered from whatever the customer or the monitoring gave,
 * into one {@link FactSet}: whole logs (a path, a stream or a reader; gzipped or not; their source
 * given, or guessed from their lines), curl transcripts, HAR exports, fact-set files, a pasted ticket,
 * single facts and the site. Every input's warnings are kept, so the diagnosis says what was skipped.
 * From {@link Diagnoser#incident()}: it reads log lines and tickets with the message families and
 * phrasings of the rules that Diagnoser uses.
 *
 * <pre>{@code
 * FactSet facts = doctor.incident()
 *         .log("auto", Path.of("/var/log/nginx/error.log.2.gz"))
 *         .curl(Path.of("curl-i.txt"))
 *         .ticket("ticket-4711", pastedText)
 *         .build();
 * }</pre>
 *
 * Inputs are read when they are added (a log in bounded memory, whatever its size), so a time window
 * and a time zone, which decide how log lines are read, are set before the first log. Not thread-safe:
 * one builder per incident.
 */
public final class IncidentBuilder {

    /** The source that asks for the log's source to be guessed from its lines. */
    public static final String AUTO = "auto";

    private final Knowledge knowledge;
    private final LogIngest ingest;
    private final List<Fact> facts = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();
    private String name;
    private Site site;
    private ZoneId zone;
    private Instant since;
    private Instant until;
    private boolean logsRead;

    IncidentBuilder(Knowledge knowledge) {
        this.knowledge = knowledge;
        this.ingest = new LogIngest(knowledge.recognizer());
    }

    /**
     * The incident's title; without one, {@link #build()} names it after its inputs
     * ("error.log (nginx-error, 1,204 lines, ...) + curl.txt").
     *
     * @param name a short title
     * @return this builder
     */
    public IncidentBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * What is known of the site: its stack decides which log is asked for first and which steps a fix
     * shows. It replaces what fact-set files or tickets said of the site until now.
     *
     * @param site the site
     * @return this builder
     */
    public IncidentBuilder site(Site site) {
        this.site = Objects.requireNonNull(site, "site");
        return this;
    }

    /**
     * The zone the server's logs write local times in (log lines carry no zone; without it they are read
     * as UTC and the diagnosis says so). It is also the site's time zone in the fact set built.
     *
     * @param zone the server's time zone, such as {@code Europe/Berlin}
     * @return this builder
     * @throws IllegalStateException when a log was already read
     */
    public IncidentBuilder timezone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        beforeLogs("the time zone");
        this.zone = zone;
        return this;
    }

    /**
     * Keeps only the log lines written in this window (either end null: open); the lines left out are
     * counted in a warning.
     *
     * @param since the first moment kept, or null
     * @param until the last moment kept, or null
     * @return this builder
     * @throws IllegalStateException when a log was already read
     */
    public IncidentBuilder window(Instant since, Instant until) {
        beforeLogs("the time window");
        this.since = since;
        this.until = until;
        return this;
    }

    private void beforeLogs(String what) {
        if (logsRead) throw new IllegalStateException(what + " decides how log lines are read: set it before adding the first log");
    }

    /**
     * A whole log file, read once in bounded memory; a gzipped one (logrotate's {@code .gz}) is read as it is.
     *
     * @param source the log's source ({@code nginx-error}, {@code php-fpm}, ...: {@link #logSources()}),
     *               or {@link #AUTO} to guess it from the log's first lines
     * @param file   the log
     * @return this builder
     * @throws IOException              when the file cannot be read ({@link NoSuchFileException} when there is none)
     * @throws IllegalArgumentException when the source is not a known one
     */
    public IncidentBuilder log(String source, Path file) throws IOException {
        return log(source, file, null);
    }

    /**
     * A whole log file, telling how many bytes are read as it goes (for a progress bar).
     *
     * @param source   the log's source, or {@link #AUTO}
     * @param file     the log
     * @param progress told the number of bytes read so far, or null
     * @return this builder
     * @throws IOException              when the file cannot be read ({@link NoSuchFileException} when there is none)
     * @throws IllegalArgumentException when the source is not a known one
     */
    public IncidentBuilder log(String source, Path file, LongConsumer progress) throws IOException {
        Objects.requireNonNull(file, "file");
        checkSource(source);
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
        return add(ingest.read(file, options(source), progress == null ? null : progress::accept));
    }

    /**
     * A whole log from a stream (gzip is recognised by its first bytes, whatever the name). The stream is
     * read to its end and not closed.
     *
     * @param source the log's source, or {@link #AUTO}
     * @param name   what to call the log in warnings and in the incident's name
     * @param in     the log's bytes
     * @return this builder
     * @throws IOException              when the stream cannot be read
     * @throws IllegalArgumentException when the source is not a known one
     */
    public IncidentBuilder log(String source, String name, InputStream in) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(in, "in");
        checkSource(source);
        return add(ingest.read(name, in, options(source), null));
    }

    /**
     * A whole log from text already decoded (a text area, a string). The reader is read to its end and not closed.
     *
     * @param source the log's source, or {@link #AUTO}
     * @param name   what to call the log in warnings and in the incident's name
     * @param reader the log's text
     * @return this builder
     * @throws IOException              when the reader fails
     * @throws IllegalArgumentException when the source is not a known one
     */
    public IncidentBuilder log(String source, String name, Reader reader) throws IOException {
        Objects.requireNonNull(reader, "reader");
        return log(source, name, new Utf8Stream(reader));
    }

    /**
     * One log line as it appeared.
     *
     * @param source the line's source, or {@link #AUTO} to guess it from the line itself
     * @param line   the line, verbatim
     * @return this builder
     * @throws IllegalArgumentException when the source is not a known one
     */
    public IncidentBuilder logLine(String source, String line) {
        Objects.requireNonNull(line, "line");
        checkSource(source);
        String given = AUTO.equals(source) ? TicketReader.sourceOf(knowledge.recognizer(), line) : source;
        facts.add(new LogLine(given, line, null));
        return this;
    }

    /**
     * A curl transcript ({@code curl -i}, {@code curl -sSIL}, {@code curl -v}): every response in it,
     * redirects followed included.
     *
     * @param file the transcript
     * @return this builder
     * @throws IOException when the file cannot be read
     */
    public IncidentBuilder curl(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return curl(file.toString(), reader);
        }
    }

    /**
     * A curl transcript from text; the reader is read to its end and not closed.
     *
     * @param name   what to call the transcript in warnings and in the incident's name
     * @param reader the transcript
     * @return this builder
     * @throws IOException when the reader fails
     */
    public IncidentBuilder curl(String name, Reader reader) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reader, "reader");
        return add(name, HttpTranscripts.curl(name, reader, null));
    }

    /**
     * A browser's HAR export: its responses of the gateway family and the pages around them.
     *
     * @param file the export
     * @return this builder
     * @throws IOException when the file cannot be read or is no HAR document
     */
    public IncidentBuilder har(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return har(file.toString(), in);
        }
    }

    /**
     * A HAR export from a stream; the stream is read to its end and not closed.
     *
     * @param name what to call the export in warnings and in the incident's name
     * @param in   the export's bytes (JSON)
     * @return this builder
     * @throws IOException when the stream cannot be read or is no HAR document
     */
    public IncidentBuilder har(String name, InputStream in) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(in, "in");
        return add(name, HttpTranscripts.har(name, in));
    }

    /**
     * A fact-set file (docs/factset.md): its facts, its warnings (each prefixed with the file), and its
     * site when no site is known yet.
     *
     * @param file the fact-set JSON file
     * @return this builder
     * @throws FactSetException when the file cannot be read or is not a valid fact set (file, line, column, pointer)
     */
    public IncidentBuilder factSet(Path file) throws FactSetException {
        Objects.requireNonNull(file, "file");
        return factSet(file.toString(), new FactSetReader().read(file));
    }

    /**
     * A fact set from a stream (standard input, an upload); the stream is read to its end and not closed.
     *
     * @param name what to call it in errors, warnings and the incident's name
     * @param in   the fact-set JSON
     * @return this builder
     * @throws FactSetException when it is not a valid fact set
     * @throws IOException      when the stream cannot be read
     */
    public IncidentBuilder factSet(String name, InputStream in) throws FactSetException, IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(in, "in");
        return factSet(name, new FactSetReader().read(name, in.readAllBytes()));
    }

    /**
     * A fact set built or read already: its facts, its warnings (each prefixed with {@code name}), and
     * its site when no site is known yet.
     *
     * @param name what to call it in warnings and the incident's name
     * @param set  the fact set
     * @return this builder
     */
    public IncidentBuilder factSet(String name, FactSet set) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(set, "set");
        if (site == null && set.site() != Site.UNKNOWN) site = set.site();
        facts.addAll(set.facts());
        set.warnings().forEach(w -> warnings.add(name + ": " + w));
        inputs.add(name);
        return this;
    }

    /**
     * A support ticket or chat as pasted: its log lines (source guessed per line), curl blocks, statuses
     * named in prose and pasted error pages, and the stack, changes, observations and tried fixes its
     * phrasings tell (docs/tickets.md). What it says of the site fills what is not known yet.
     *
     * @param name what to call the ticket in warnings and the incident's name
     * @param text the ticket's text
     * @return this builder
     */
    public IncidentBuilder ticket(String name, String text) {
        return ticket(name, text, lines -> { });
    }

    /**
     * A ticket as {@link #ticket(String, String)} reads it, telling what every line became.
     *
     * @param name      what to call the ticket in warnings and the incident's name
     * @param text      the ticket's text
     * @param explained given every line of the ticket with what it became, or that it was ignored
     * @return this builder
     */
    public IncidentBuilder ticket(String name, String text, Consumer<List<TicketLine>> explained) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(explained, "explained");
        var reading = new TicketReader(knowledge).read(name, text);
        site = filledIn(site, reading.facts().site());
        facts.addAll(reading.facts().facts());
        warnings.addAll(reading.facts().warnings());
        inputs.add(name);
        explained.accept(reading.lines().stream().map(l -> new TicketLine(l.number(), l.text(), l.became())).toList());
        return this;
    }

    /**
     * One fact (an observation, an event, a config value, ...).
     *
     * @param fact the fact
     * @return this builder
     */
    public IncidentBuilder fact(Fact fact) {
        facts.add(Objects.requireNonNull(fact, "fact"));
        return this;
    }

    /**
     * Several facts.
     *
     * @param more the facts
     * @return this builder
     */
    public IncidentBuilder facts(Collection<? extends Fact> more) {
        Objects.requireNonNull(more, "more");
        more.forEach(this::fact);
        return this;
    }

    /**
     * The fact set of everything added, with every input's warnings. The builder may go on and build again.
     *
     * @return the incident's facts
     */
    public FactSet build() {
        Site s = site == null ? Site.UNKNOWN : site;
        if (zone != null) s = s.withTimezone(zone.getId());
        return new FactSet(name != null ? name : inputs.isEmpty() ? null : String.join(" + ", inputs), s, facts, null, warnings);
    }

    /**
     * The sources a log may name ({@code nginx-error}, {@code php-fpm}, ...), beside {@link #AUTO}.
     *
     * @return the log sources, sorted
     */
    public static java.util.SortedSet<String> logSources() {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(LogSources.ALL));
    }

    private static void checkSource(String source) {
        Objects.requireNonNull(source, "source");
        if (!source.equals(AUTO) && !LogSources.ALL.contains(source)) {
            throw new IllegalArgumentException("unknown source \"" + source + "\"; expected auto or one of " + new TreeSet<>(LogSources.ALL));
        }
    }

    private LogIngest.Options options(String source) {
        logsRead = true;
        return new LogIngest.Options(source, since, until, zone);
    }

    private IncidentBuilder add(LogIngest.Result r) {
        facts.addAll(r.lines());
        facts.addAll(r.requestRates());
        warnings.addAll(r.warnings());
        inputs.add(r.name() + " (" + r.source() + ", " + counts(r) + ")");
        return this;
    }

    private IncidentBuilder add(String name, HttpTranscripts.Responses r) {
        facts.addAll(r.responses());
        warnings.addAll(r.warnings());
        inputs.add(name);
        return this;
    }

    /** "1,204,331 lines, 2,117 with signals in 9 kinds": what reading a log kept, in a few words. */
    static String counts(LogIngest.Result r) {
        return String.format(Locale.ROOT, "%,d lines, %,d with signals in %,d kind%s", r.linesRead(), r.signalLines(), r.lines().size(),
                r.lines().size() == 1 ? "" : "s")
                + (r.requestRates().isEmpty() ? "" : String.format(Locale.ROOT, ", request rates in %,d slots", r.requestRates().size()));
    }

    /** The site as known, with what {@code more} tells where it says nothing. */
    private static Site filledIn(Site known, Site more) {
        if (known == null) return more;
        return new Site(or(known.url(), more.url()), or(known.app(), more.app()), or(known.webServer(), more.webServer()),
                or(known.proxy(), more.proxy()), or(known.cdn(), more.cdn()), or(known.hosting(), more.hosting()), or(known.php(), more.php()),
                or(known.wordpress(), more.wordpress()), or(known.timezone(), more.timezone()), or(known.panel(), more.panel()));
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    /** A reader's text as UTF-8 bytes, encoded as they are read: a large log never sits whole in memory. */
    private static final class Utf8Stream extends InputStream {
        private final Reader reader;
        private final char[] chars = new char[8192];
        private byte[] bytes = new byte[0];
        private int at;

        Utf8Stream(Reader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) return -1;
            return bytes[at++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!fill()) return -1;
            int n = Math.min(len, bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }

        private boolean fill() throws IOException {
            while (at == bytes.length) {
                int n = reader.read(chars);
                if (n < 0) return false;
                if (n == 0) continue;
                int end = n;
                // A surrogate pair cut at the buffer's end is completed before encoding.
                if (Character.isHighSurrogate(chars[n - 1])) {
                    int next = reader.read();
                    String s = next < 0 ? new String(chars, 0, n) : new String(chars, 0, n) + (char) next;
                    bytes = s.getBytes(StandardCharsets.UTF_8);
                } else {
                    bytes = new String(chars, 0, end).getBytes(StandardCharsets.UTF_8);
                }
                at = 0;
            }
            return true;
        }
    }
}
