package dev.gatewaydoctor.recognition;

import dev.gatewaydoctor.text.Numbers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields a family's pattern may fill, by the name of its named group, with the type each is read
 * as. Text captured for a number is converted here: bytes ("134217728", "128M"), errno and signal
 * numbers, durations ("30.123 sec", "30s"). What one field implies for others (an errno's name, a
 * signal's name, a file's plugin, an upstream's socket) is derived once the line is read
 * ({@link LogRecognizer}), so that patterns only capture what the line says.
 */
public final class SignalFields {

    /** What a field holds. */
    public enum Type {
        TEXT, WHOLE_NUMBER, BYTES, SECONDS, TIME
    }

    /** Every field a pattern may capture or a family may set, and its type. */
    public static final Map<String, Type> FIELDS;

    static {
        var f = new LinkedHashMap<String, Type>();
        for (String text : new String[]{"program", "errnoName", "errnoMeaning", "upstream", "socketPath", "host", "request", "message",
                "file", "plugin", "theme", "codeArea", "function", "signalName", "pool", "process", "detail"}) {
            f.put(text, Type.TEXT);
        }
        f.put("errno", Type.WHOLE_NUMBER);
        f.put("signal", Type.WHOLE_NUMBER);
        f.put("status", Type.WHOLE_NUMBER);
        f.put("memoryLimitBytes", Type.BYTES);
        f.put("triedBytes", Type.BYTES);
        f.put("limit", Type.SECONDS);
        // The line's time, where the family knows better than the usual stamps where it stands.
        f.put("time", Type.TIME);
        FIELDS = java.util.Collections.unmodifiableMap(f);
    }

    private SignalFields() {
    }

    /**
     * Reads {@code raw} as the field's type, or says why it cannot: "a whole number", ... Null when it reads.
     */
    public static String problem(String field, String raw) {
        Type type = FIELDS.get(field);
        if (type == null) return "no such field";
        if (raw == null) return null;
        return switch (type) {
            case TEXT -> null;
            case WHOLE_NUMBER -> wholeNumber(raw) == null ? "a whole number" : null;
            case BYTES -> Numbers.parseSize(raw) == null ? "a size in bytes (134217728 or 128M)" : null;
            case SECONDS -> seconds(raw) == null ? "a number of seconds (30, 30.5, 30 sec)" : null;
            case TIME -> LogTime.find(raw, java.time.ZoneOffset.UTC) == null
                    ? "a time as logs print it (2024/03/01 12:04:17, 01-Mar-2024 12:04:17, 2024-03-01T12:04:17Z, Mar  1 12:04:17)" : null;
        };
    }

    /** Sets one field on the builder, converting the captured text; text that does not convert is dropped. */
    static void set(LogSignal.Builder b, String field, String raw) {
        if (raw == null || problem(field, raw) != null) return;
        String v = raw.strip();
        switch (field) {
            case "program" -> b.program(v);
            case "errnoName" -> b.errnoName = v;
            case "errnoMeaning" -> b.errnoMeaning = v;
            case "upstream" -> b.upstream = v;
            case "socketPath" -> b.socketPath = v;
            case "host" -> b.host = v;
            case "request" -> b.request = v;
            case "message" -> b.message = v;
            case "file" -> b.file = v;
            case "plugin" -> b.plugin = v;
            case "theme" -> b.theme = v;
            case "codeArea" -> b.codeArea = v;
            case "function" -> b.function = v;
            case "signalName" -> b.signalName = v;
            case "pool" -> b.pool = v;
            case "process" -> b.process = v;
            case "detail" -> b.detail = v;
            case "errno" -> b.errno = wholeNumber(v);
            case "signal" -> b.signal = wholeNumber(v);
            case "status" -> b.status = wholeNumber(v);
            case "memoryLimitBytes" -> b.memoryLimitBytes = Numbers.parseSize(v);
            case "triedBytes" -> b.triedBytes = Numbers.parseSize(v);
            case "limit" -> b.limit = seconds(v);
            case "time" -> b.timeText = v;
            default -> throw new IllegalArgumentException("no field " + field);
        }
    }

    /** True when the builder already holds a value for the field. */
    static boolean isSet(LogSignal.Builder b, String field) {
        return switch (field) {
            case "program" -> false;
            case "errnoName" -> b.errnoName != null;
            case "errnoMeaning" -> b.errnoMeaning != null;
            case "upstream" -> b.upstream != null;
            case "socketPath" -> b.socketPath != null;
            case "host" -> b.host != null;
            case "request" -> b.request != null;
            case "message" -> b.message != null;
            case "file" -> b.file != null;
            case "plugin" -> b.plugin != null;
            case "theme" -> b.theme != null;
            case "codeArea" -> b.codeArea != null;
            case "function" -> b.function != null;
            case "signalName" -> b.signalName != null;
            case "pool" -> b.pool != null;
            case "process" -> b.process != null;
            case "detail" -> b.detail != null;
            case "errno" -> b.errno != null;
            case "signal" -> b.signal != null;
            case "status" -> b.status != null;
            case "memoryLimitBytes" -> b.memoryLimitBytes != null;
            case "triedBytes" -> b.triedBytes != null;
            case "limit" -> b.limit != null;
            case "time" -> b.timeText != null;
            default -> false;
        };
    }

    /** A signal's field as text, for fixtures to compare with what they expect; null when it is empty. */
    public static String valueOf(LogSignal s, String field) {
        Object v = switch (field) {
            case "family" -> s.family();
            case "program" -> s.program();
            case "errnoName" -> s.errnoName();
            case "errnoMeaning" -> s.errnoMeaning();
            case "upstream" -> s.upstream();
            case "socketPath" -> s.socketPath();
            case "host" -> s.host();
            case "request" -> s.request();
            case "message" -> s.message();
            case "file" -> s.file();
            case "plugin" -> s.plugin();
            case "theme" -> s.theme();
            case "codeArea" -> s.codeArea();
            case "function" -> s.function();
            case "signalName" -> s.signalName();
            case "pool" -> s.pool();
            case "process" -> s.process();
            case "detail" -> s.detail();
            case "errno" -> s.errno();
            case "signal" -> s.signal();
            case "status" -> s.status();
            case "memoryLimitBytes" -> s.memoryLimitBytes();
            case "triedBytes" -> s.triedBytes();
            case "limit" -> s.limit() == null ? null : Numbers.format(s.limit());
            case "removedInPhp" -> s.removedInPhp();
            case "time" -> s.time();
            case "upstreamAddress" -> s.upstreamAddress();
            case "upstreamIsPhp" -> s.upstreamIsPhp();
            case "memoryLimit" -> s.memoryLimit();
            case "component" -> s.component();
            default -> throw new IllegalArgumentException("no field " + field);
        };
        return v == null ? null : v.toString();
    }

    /** The fields a fixture may expect: those a pattern fills, and those derived from them. */
    public static boolean readable(String field) {
        if (FIELDS.containsKey(field)) return true;
        return switch (field) {
            case "family", "removedInPhp", "time", "upstreamAddress", "upstreamIsPhp", "memoryLimit", "component" -> true;
            default -> false;
        };
    }

    static Integer wholeNumber(String raw) {
        String v = raw.strip();
        if (v.isEmpty() || v.length() > 9) return null;
        for (int i = 0; i < v.length(); i++) if (!Character.isDigit(v.charAt(i))) return null;
        return Integer.valueOf(v);
    }

    /** "30", "30.123", "30 sec", "30s", "1500ms": seconds. */
    static Double seconds(String raw) {
        String v = raw.strip().toLowerCase(Locale.ROOT);
        double factor = 1;
        if (v.endsWith("ms")) {
            factor = 0.001;
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("seconds")) v = v.substring(0, v.length() - 7);
        else if (v.endsWith("sec")) v = v.substring(0, v.length() - 3);
        else if (v.endsWith("s")) v = v.substring(0, v.length() - 1);
        Double n = Numbers.parseNumber(v.strip());
        return n == null ? null : n * factor;
    }
}
