package dev.gatewaydoctor.recognition;

import java.util.Map;

/**
 * The error numbers a proxy prints beside an upstream failure, with their names. nginx prints Linux
 * errno ("(111: Connection refused)"); Apache prints APR status codes, which are errno for system
 * errors and 70000+ for APR's own ("(70007)The timeout specified has expired").
 */
public record Errno(int number, String name, String meaning) {

    private static final Map<Integer, Errno> KNOWN = Map.ofEntries(
            e(2, "ENOENT", "No such file or directory"),
            e(11, "EAGAIN", "Resource temporarily unavailable"),
            e(13, "EACCES", "Permission denied"),
            e(28, "ENOSPC", "No space left on device"),
            e(32, "EPIPE", "Broken pipe"),
            e(98, "EADDRINUSE", "Address already in use"),
            e(99, "EADDRNOTAVAIL", "Cannot assign requested address"),
            e(101, "ENETUNREACH", "Network is unreachable"),
            e(103, "ECONNABORTED", "Software caused connection abort"),
            e(104, "ECONNRESET", "Connection reset by peer"),
            e(110, "ETIMEDOUT", "Connection timed out"),
            e(111, "ECONNREFUSED", "Connection refused"),
            e(112, "EHOSTDOWN", "Host is down"),
            e(113, "EHOSTUNREACH", "No route to host"),
            e(122, "EDQUOT", "Disk quota exceeded"),
            e(70007, "APR_TIMEUP", "The timeout specified has expired"),
            e(70008, "APR_INCOMPLETE", "Partial results are valid but processing is incomplete"),
            e(70014, "APR_EOF", "End of file found"),
            e(20014, "APR_EGENERAL", "Internal error"));

    private static Map.Entry<Integer, Errno> e(int n, String name, String meaning) {
        return Map.entry(n, new Errno(n, name, meaning));
    }

    /**
     * The texts that C libraries other than glibc (musl, in Alpine images) print for the same numbers,
     * so that a line without its number ("Permission denied: AH00952") still gives it.
     */
    private static final Map<String, Integer> OTHER_TEXTS = Map.of(
            "Operation timed out", 110,
            "Host is unreachable", 113,
            "Address in use", 98);

    /** The errno whose text this is, or null. */
    public static Integer byMeaning(String meaning) {
        if (meaning == null) return null;
        String m = meaning.strip();
        for (Errno e : KNOWN.values()) if (e.meaning().equalsIgnoreCase(m)) return e.number();
        return OTHER_TEXTS.get(m);
    }

    /** The errno for a number, with the text the log printed when the number is not in the table. */
    public static Errno of(int number, String printedMeaning) {
        Errno known = KNOWN.get(number);
        if (known != null) return known;
        return new Errno(number, null, printedMeaning == null ? null : printedMeaning.trim());
    }
}
