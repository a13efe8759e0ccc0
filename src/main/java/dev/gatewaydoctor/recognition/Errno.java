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
            e(70007, "APR_TIMEUP", "The timeout specified has expired"),
            e(70008, "APR_INCOMPLETE", "Partial results are valid but processing is incomplete"),
            e(70014, "APR_EOF", "End of file found"),
            e(20014, "APR_EGENERAL", "Internal error"));

    private static Map.Entry<Integer, Errno> e(int n, String name, String meaning) {
        return Map.entry(n, new Errno(n, name, meaning));
    }

    /** The errno for a number, with the text the log printed when the number is not in the table. */
    public static Errno of(int number, String printedMeaning) {
        Errno known = KNOWN.get(number);
        if (known != null) return known;
        return new Errno(number, null, printedMeaning == null ? null : printedMeaning.trim());
    }
}
