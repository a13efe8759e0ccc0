package dev.gatewaydoctor.text;

import java.util.Locale;
import java.util.regex.Pattern;

/** Reading sizes and numbers the way PHP, nginx and MySQL write them in their configuration. */
public final class Numbers {

    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(?:([kKmMgGtT])i?)?[bB]?\\s*");
    private static final Pattern NUMBER = Pattern.compile("\\s*[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?\\s*");

    private Numbers() {
    }

    /** "128M" = 134217728, "1G", "512k", "4096", Kubernetes' "512Mi" and "1Gi" (binary units, as PHP's); PHP's "-1" (no limit) and anything else are null. */
    public static Long parseSize(String text) {
        if (text == null) return null;
        var m = SIZE.matcher(text);
        if (!m.matches()) return null;
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        long factor = switch (unit) {
            case "K" -> 1024L;
            case "M" -> 1024L * 1024;
            case "G" -> 1024L * 1024 * 1024;
            case "T" -> 1024L * 1024 * 1024 * 1024;
            default -> 1L;
        };
        double bytes = n * factor;
        return bytes > Long.MAX_VALUE ? null : (long) bytes;
    }

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?\\s*");

    /**
     * A time as nginx, Apache, PHP and the application servers write their timeouts, in seconds: "60s", "5m",
     * "1h", "500ms", and a bare number as seconds ("300", Apache's Timeout, PHP's max_execution_time); null
     * for anything else.
     */
    public static Double parseSeconds(String text) {
        if (text == null || text.length() > 40) return null;
        var m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) return null;
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> n / 1000;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            default -> n;
        };
    }

    public static Double parseNumber(String text) {
        if (text == null || text.length() > 40 || !NUMBER.matcher(text).matches()) return null;
        return Double.parseDouble(text.trim());
    }

    /** 5 as "5", 0.25 as "0.25": what a person would write. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        return String.valueOf(value);
    }

    /**
     * A confidence as reports print it, two decimals rounded half up ("0.15"): what
     * {@code String.format("%.2f")} gives, without its parser, which cost a diagnosis a tenth of its time.
     */
    public static String twoDecimals(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return String.format(java.util.Locale.ROOT, "%.2f", value);
        // format keeps the sign of what rounds to zero ("-0.00"); BigDecimal has no negative zero.
        if (value < 0 || (value == 0 && 1 / value < 0)) return "-" + twoDecimals(-value);
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** 134217728 as "128M": how PHP and WordPress settings are written. */
    public static String formatBytes(long bytes) {
        if (bytes >= 1024L * 1024 * 1024 && bytes % (1024L * 1024 * 1024) == 0) return bytes / (1024L * 1024 * 1024) + "G";
        if (bytes >= 1024L * 1024 && bytes % (1024L * 1024) == 0) return bytes / (1024L * 1024) + "M";
        if (bytes >= 1024 && bytes % 1024 == 0) return bytes / 1024 + "K";
        return bytes + " bytes";
    }
}
