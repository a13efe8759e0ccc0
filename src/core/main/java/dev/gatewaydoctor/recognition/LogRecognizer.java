package dev.gatewaydoctor.recognition;

import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.text.UpstreamAddress;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns log lines into {@link LogSignal}s with the message families of {@code rules/families/}.
 * Recognition goes by the message, never by the {@code source} the person gave, since logs get
 * mislabelled, and finds messages anywhere in the line, so that prefixes and fragments do not matter.
 * What the families cannot say as data lives here: undoing what pasting does to a line (curly quotes,
 * HTML entities, a Docker JSON record's escapes), cutting nginx's "FastCGI sent in stderr" into its PHP
 * messages, and what one field implies for others (an errno's name, a file's plugin, an upstream's
 * socket). Families' patterns run in time linear in the line whoever wrote them ({@link LinePattern}); lines
 * are cut at {@link #MAX_LINE} characters.
 */
public final class LogRecognizer {

    /** Longer lines are read up to here: every message family shows itself well before. */
    public static final int MAX_LINE = 16 * 1024;
    /** One line packs a handful of PHP messages at most; past this, the rest is noise. */
    private static final int MAX_PHP_MESSAGES = 20;

    private static final Pattern WP_COMPONENT = Pattern.compile("(?:^|[/\\\\])wp-content[/\\\\](plugins|mu-plugins|themes)[/\\\\]([^/\\\\\\s\"']{1,200})");
    private static final Pattern WP_CORE = Pattern.compile("(?:^|[/\\\\])(wp-includes|wp-admin)[/\\\\]");
    private static final Pattern ENTITY = Pattern.compile("&(quot|apos|amp|lt|gt|#0*39|#0*34|#x27|#x22);");

    private final List<Family> families;
    private final List<String> words;
    /** Whether any family reads PHP messages: only then is a line cut into them. */
    private final boolean readsPhpMessages;
    /**
     * What lines read before said, for lines a whole-log reading kept: a diagnosis of them takes it
     * instead of reading them again. Weak keys: the entries go with the fact sets that hold the lines.
     */
    private final java.util.Map<LogLine, Remembered> remembered = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private final java.util.concurrent.atomic.LongAdder recognitions = new java.util.concurrent.atomic.LongAdder();

    private record Remembered(ZoneId zone, List<LogSignal> signals) {
    }

    private final WordIndex wordIndex;
    /**
     * Per word of {@link #wordIndex}, the families that need it (bit i: family i), counting only those of
     * each unit: a text's candidates are the union over the words it holds.
     */
    private final java.util.Map<Family.Unit, long[][]> familiesByWord;
    /** The order families are read in: the skippable ones last. */
    private final int[] readingOrder;
    /**
     * Per family: whether it may go unread once a family it yields to matched (its signal would be dropped),
     * which holds when no family yields to it in turn: whether it matched must then still be known.
     */
    private final boolean[] skippable;

    public LogRecognizer(List<Family> families) {
        this.families = List.copyOf(families);
        this.words = this.families.stream().flatMap(f -> f.words().stream()).distinct().toList();
        this.readsPhpMessages = this.families.stream().anyMatch(f -> f.unit() == Family.Unit.PHP_MESSAGE);
        this.wordIndex = new WordIndex(words);
        this.familiesByWord = new java.util.EnumMap<>(Family.Unit.class);
        int familyLongs = Math.max(1, (this.families.size() + 63) / 64);
        for (Family.Unit unit : Family.Unit.values()) {
            long[][] byWord = new long[words.size()][familyLongs];
            for (int i = 0; i < this.families.size(); i++) {
                Family f = this.families.get(i);
                if (f.unit() != unit) continue;
                for (String w : f.words()) byWord[words.indexOf(w)][i >>> 6] |= 1L << (i & 63);
            }
            familiesByWord.put(unit, byWord);
        }
        var yieldedTo = new java.util.HashSet<String>();
        this.families.forEach(f -> yieldedTo.addAll(f.yieldsTo()));
        this.skippable = new boolean[this.families.size()];
        for (int i = 0; i < skippable.length; i++) skippable[i] = !this.families.get(i).yieldsTo().isEmpty() && !yieldedTo.contains(this.families.get(i).id());
        // Those that may go unread last, after every family they yield to.
        this.readingOrder = java.util.stream.IntStream.concat(
                java.util.stream.IntStream.range(0, skippable.length).filter(i -> !skippable[i]),
                java.util.stream.IntStream.range(0, skippable.length).filter(i -> skippable[i])).toArray();
    }

    public List<Family> families() {
        return families;
    }

    /**
     * Every word some family needs: a line with none of them gives no signal. Whole-log reading searches
     * the bytes for these before it decodes a line, so a family is never dropped by that prefilter.
     */
    public List<String> words() {
        return words;
    }

    /**
     * True when the line's time was read from its own stamp without a zone and taken as UTC: no fact's
     * {@code at} says otherwise (a whole-log reading sets {@code at} from that very stamp).
     */
    private static boolean inUtc(ZoneId zone) {
        return zone == null || zone.equals(ZoneOffset.UTC);
    }

    private static boolean readAsUtcWithoutZone(LogLine log) {
        LogTime.Found found = LogTime.find(normalize(log.line()), ZoneOffset.UTC);
        return found != null && !found.zoneGiven() && (log.at() == null || log.at().equals(found.at()));
    }

    /**
     * The time of a line stamped the syslog way ("Nov 26 05:07:46 web1 kernel: ..."), which gives no
     * year: the year is the one that puts it at or just before {@code reference}, the latest time the
     * record shows. Null for lines with a full timestamp or none.
     */
    public static Instant yearlessTime(String line, ZoneId localZone, Instant reference) {
        return LogTime.yearless(normalize(line), localZone, reference);
    }

    /** Reads every message family out of one line; an unrecognised line gives an empty list. */
    public List<LogSignal> recognize(LogLine log) {
        return recognize(log, ZoneOffset.UTC);
    }

    /**
     * Keeps what a line said when it was read, for the line a whole-log reading keeps of its kind
     * ({@code signals} read from the kind's first line, with times read in {@code zone}).
     */
    public void remember(LogLine kept, List<LogSignal> signals, ZoneId zone) {
        // Not rebased on the kept line here: a value that refers to its weak key keeps it, and the entry, forever.
        remembered.put(kept, new Remembered(zone == null ? ZoneOffset.UTC : zone, List.copyOf(signals)));
    }

    /** How many lines are remembered now (entries go with the lines). */
    int rememberedLines() {
        return remembered.size();
    }

    /** How many times lines were matched against the families (a remembered line is not matched again). */
    public long recognitions() {
        return recognitions.sum();
    }

    /** As {@link #recognize(LogLine)}, reading times that carry no zone in the given one (the site's). */
    public List<LogSignal> recognize(LogLine log, ZoneId localZone) {
        return read(log, localZone).signals();
    }

    /**
     * A line's signals, and whether the line's time was taken as UTC because its stamp gave no zone (only
     * when it was read in UTC, the zone of a record that names none): the diagnosis warns about those lines,
     * and the stamp is found once for both.
     */
    public record Reading(List<LogSignal> signals, boolean timeWithoutZone) {
        static final Reading NONE = new Reading(List.of(), false);
    }

    /** As {@link #recognize(LogLine, ZoneId)}, saying too whether the line's time was read without a zone. */
    public Reading read(LogLine log, ZoneId localZone) {
        Remembered known = remembered.get(log);
        if (known != null && known.zone().equals(localZone == null ? ZoneOffset.UTC : localZone)) {
            List<LogSignal> signals = known.signals().stream().map(s -> s.rebased(log)).toList();
            return new Reading(signals, !signals.isEmpty() && inUtc(localZone) && readAsUtcWithoutZone(log));
        }
        return readNew(log, localZone);
    }

    /**
     * The signals of a line just read from a log, which no earlier reading can have remembered: whole-log
     * reading asks this for millions of lines from several threads, and each lookup hashed the whole line
     * under one lock.
     */
    public List<LogSignal> recognizeNew(LogLine log, ZoneId localZone) {
        return readNew(log, localZone).signals();
    }

    private Reading readNew(LogLine log, ZoneId localZone) {
        recognitions.increment();
        String line = normalize(log.line());
        var found = new ArrayList<LogSignal.Builder>();
        long[] present = wordIndex.find(line);
        found.addAll(match(line, present, Family.Unit.LINE));
        if (readsPhpMessages) {
            List<String> messages = phpMessages(line);
            // A line that packs no PHP messages is its own message: its words are those just found.
            if (messages.size() == 1 && messages.get(0) == line) found.addAll(match(line, present, Family.Unit.PHP_MESSAGE));
            else for (String message : messages) found.addAll(match(message, wordIndex.find(message), Family.Unit.PHP_MESSAGE));
        }
        if (found.isEmpty()) return Reading.NONE;

        Instant time = log.at();
        boolean withoutZone;
        if (time == null) {
            LogTime.Found stamp = LogTime.find(line, localZone);
            time = stamp == null ? null : stamp.at();
            withoutZone = stamp != null && !stamp.zoneGiven() && inUtc(localZone);
        } else {
            // Only a record read in UTC is warned about; a site's own zone spares the second look at the stamp.
            withoutZone = inUtc(localZone) && readAsUtcWithoutZone(log);
        }
        var out = new ArrayList<LogSignal>(found.size());
        for (var b : found) {
            LogTime.Found captured = log.at() == null && b.timeText != null ? LogTime.find(b.timeText, localZone) : null;
            out.add(b.build(captured != null ? captured.at() : time, log));
        }
        return new Reading(out, withoutZone);
    }

    /**
     * The signals of the families of one unit that match this text ({@code present}: the words it holds),
     * less those that yield to another that matched.
     */
    private List<LogSignal.Builder> match(String text, long[] present, Family.Unit unit) {
        long[] candidates = candidates(present, familiesByWord.get(unit));
        if (candidates == null) return List.of();
        var matched = new LinkedHashMap<String, LogSignal.Builder>();
        LinePattern.Chars chars = null; // looked at once, for all the patterns that read the text
        for (int i : readingOrder) {
            if ((candidates[i >>> 6] & (1L << (i & 63))) == 0) continue;
            Family f = families.get(i);
            if (skippable[i] && yieldsToOneOf(f, matched)) continue;
            if (chars == null) chars = LinePattern.Chars.of(text);
            LogSignal.Builder b = read(f, text, chars);
            if (b != null) matched.put(f.id(), b);
        }
        if (matched.isEmpty()) return List.of();
        var out = new ArrayList<LogSignal.Builder>(matched.size());
        for (Family f : families) {
            LogSignal.Builder b = matched.get(f.id());
            if (b != null && !yieldsToOneOf(f, matched)) out.add(b);
        }
        return out;
    }

    /** The families (bit i: family i) that need a word the text holds, or null when there is none. */
    private static long[] candidates(long[] present, long[][] byWord) {
        long[] out = null;
        for (int j = 0; j < present.length; j++) {
            for (long bits = present[j]; bits != 0; bits &= bits - 1) {
                long[] families = byWord[(j << 6) + Long.numberOfTrailingZeros(bits)];
                for (int k = 0; k < families.length; k++) {
                    if (families[k] == 0) continue;
                    if (out == null) out = new long[families.length];
                    out[k] |= families[k];
                }
            }
        }
        return out;
    }

    private static boolean yieldsToOneOf(Family f, java.util.Map<String, LogSignal.Builder> matched) {
        for (String other : f.yieldsTo()) if (matched.containsKey(other)) return true;
        return false;
    }

    /** What one family reads in the text, or null when none of its patterns matches. */
    static LogSignal.Builder read(Family f, String text, LinePattern.Chars chars) {
        for (Family.Alternative alt : f.patterns()) {
            if (!alt.mayMatch(text)) continue;
            LinePattern.Match m = alt.pattern().find(text, chars);
            if (m == null) continue;
            var b = LogSignal.of(f.id(), alt.program() != null ? alt.program() : f.program());
            capture(b, m, alt.pattern());
            alt.set().forEach((field, value) -> SignalFields.set(b, field, fill(value, m, alt.pattern())));
            for (Family.Also also : f.also()) {
                if (!also.mayMatch(text)) continue;
                LinePattern.Match a = also.pattern().find(text, chars);
                if (a == null) continue;
                for (String field : also.pattern().groups()) {
                    if (!SignalFields.isSet(b, field)) SignalFields.set(b, field, a.group(field));
                }
            }
            var classified = new java.util.HashSet<String>();
            for (Family.Classification c : f.classify()) {
                if (classified.contains(c.field()) || (!c.field().equals("program") && SignalFields.isSet(b, c.field()))) continue;
                if (c.mayMatch(text) && c.when().find(text, chars) != null) {
                    SignalFields.set(b, c.field(), c.value());
                    classified.add(c.field());
                }
            }
            derive(b);
            return b;
        }
        return null;
    }

    /** A value to set, with each {group} replaced by what that named group matched. */
    private static String fill(String value, LinePattern.Match m, LinePattern p) {
        if (value.indexOf('{') < 0) return value;
        String out = value;
        for (String group : p.groups()) {
            String v = m.group(group);
            out = out.replace("{" + group + "}", v == null ? "" : v);
        }
        return out;
    }

    private static void capture(LogSignal.Builder b, LinePattern.Match m, LinePattern p) {
        for (String field : p.groups()) {
            String v = m.group(field);
            if (v != null && !v.isEmpty() && SignalFields.FIELDS.containsKey(field)) SignalFields.set(b, field, v);
        }
    }

    /** What the fields a line gave imply for the others. */
    private static void derive(LogSignal.Builder b) {
        if (b.errno == null && b.errnoMeaning != null) b.errno = Errno.byMeaning(b.errnoMeaning);
        if (b.errno != null) {
            // The name from the number; the text as the line printed it (musl's differ from glibc's).
            Errno e = Errno.of(b.errno, b.errnoMeaning);
            if (b.errnoName == null) b.errnoName = e.name();
            if (b.errnoMeaning == null) b.errnoMeaning = e.meaning();
        }
        if (b.signal != null && b.signalName == null) b.signalName = signalName(b.signal);
        if (b.signal == null && b.signalName != null) b.signal = signalNumber(b.signalName);
        if (b.upstream != null) {
            String u = b.upstream;
            if (b.socketPath == null) {
                String path = UpstreamAddress.socketPath(u);
                if (path != null) b.socketPath = path;
                else if (u.startsWith("/")) b.socketPath = u;
            }
            if (b.host == null && !u.contains("unix:") && !u.startsWith("/")) {
                int scheme = u.indexOf("://");
                String rest = scheme < 0 ? u : u.substring(scheme + 3);
                b.host = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
            }
        }
        if (b.file != null && b.codeArea == null) codeArea(b, b.file);
        if (b.message != null) {
            String text = b.message.strip();
            int wrapperEnd = text.indexOf("\" while ");
            if (wrapperEnd > 0) text = text.substring(0, wrapperEnd);
            b.message = text.length() > 400 ? text.substring(0, 397) + "..." : text;
        }
        if (b.removedInPhp == null && (b.function != null || b.message != null) && "php".equals(b.program())) {
            b.removedInPhp = PhpRemovals.removedIn(b.function, b.message);
        }
    }

    /**
     * The PHP messages of a line: nginx's "FastCGI sent in stderr" and PHP-FPM's "said into stderr" pack
     * several, each after "PHP message: "; any other line is one message.
     */
    static List<String> phpMessages(String line) {
        int at = line.indexOf("PHP message: ");
        if (at < 0) return List.of(line);
        var out = new ArrayList<String>();
        while (at >= 0 && out.size() < MAX_PHP_MESSAGES) {
            int from = at + "PHP message: ".length();
            int next = line.indexOf("PHP message: ", from);
            out.add(line.substring(from, next < 0 ? line.length() : next));
            at = next;
        }
        return out;
    }

    /**
     * Undo what pasting does to a line: curly quotes typed by editors and chat tools, HTML entities
     * from forum pages, the escapes of a Docker JSON log record, a line end left behind, an over-long tail.
     */
    public static String normalize(String line) {
        String s = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
        if (s.indexOf('\r') >= 0) s = s.replace("\r", "");
        // A line a terminal or a forum wrapped, pasted as one fact: one line again.
        if (s.indexOf('\n') >= 0) s = s.replace('\n', ' ');
        s = s.replace('\u201C', '"').replace('\u201D', '"').replace('\u201E', '"')
                .replace('\u2018', '\'').replace('\u2019', '\'').replace('\u00A0', ' ');
        if (s.indexOf('&') >= 0 && s.indexOf(';') >= 0) s = entities(s);
        s = fullwidthAscii(s);
        if (s.contains("\\\"")) s = s.replace("\\n", " ").replace("\\t", " ").replace("\\\"", "\"").replace("\\/", "/").replace("\\\\", "\\");
        return s;
    }

    /**
     * A Chinese, Japanese or Korean input method types ASCII punctuation in its fullwidth form
     * (＂, ：, （ for ", :, (): a line retyped or pasted through such a chat tool is still the line.
     */
    static String fullwidthAscii(String s) {
        char[] c = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '\uFF01' && ch <= '\uFF5E') {
                if (c == null) c = s.toCharArray();
                c[i] = (char) (ch - 0xFEE0);
            } else if (ch == '\u3000') {
                if (c == null) c = s.toCharArray();
                c[i] = ' ';
            }
        }
        return c == null ? s : new String(c);
    }

    private static String entities(String s) {
        Matcher m = ENTITY.matcher(s);
        if (!m.find()) return s;
        var out = new StringBuilder(s.length());
        do {
            String e = m.group(1);
            String c = switch (e) {
                case "quot", "#x22" -> "\"";
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                default -> e.startsWith("#") && e.endsWith("34") ? "\"" : "'";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(c));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private static void codeArea(LogSignal.Builder b, String file) {
        Matcher m = WP_COMPONENT.matcher(file);
        if (m.find()) {
            String slug = m.group(2);
            switch (m.group(1)) {
                case "themes" -> {
                    b.theme = slug;
                    b.codeArea = "theme";
                }
                case "mu-plugins" -> {
                    b.plugin = slug.endsWith(".php") ? slug.substring(0, slug.length() - 4) : slug;
                    b.codeArea = "mu-plugin";
                }
                default -> {
                    b.plugin = slug.endsWith(".php") ? slug.substring(0, slug.length() - 4) : slug;
                    b.codeArea = "plugin";
                }
            }
        } else if (WP_CORE.matcher(file).find() || file.endsWith("wp-settings.php") || file.endsWith("wp-load.php")) {
            b.codeArea = "core";
        } else {
            b.codeArea = "other";
        }
    }

    static Integer signalNumber(String name) {
        for (int n : new int[]{4, 6, 7, 8, 9, 11, 15}) if (name.equals(signalName(n))) return n;
        return null;
    }

    static String signalName(int signal) {
        return switch (signal) {
            case 4 -> "SIGILL";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> null;
        };
    }

    /** For fixtures and checks: the fields of every signal a line gives, by family. */
    public Map<String, LogSignal> byFamily(String line) {
        var out = new LinkedHashMap<String, LogSignal>();
        for (LogSignal s : recognize(new LogLine("other", line, null))) out.putIfAbsent(s.family(), s);
        return out;
    }
}
