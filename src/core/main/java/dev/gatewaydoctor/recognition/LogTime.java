package dev.gatewaydoctor.recognition;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a log line's own timestamp, in the forms nginx, Apache, PHP, PHP-FPM, MySQL/MariaDB,
 * Docker and auditd print. Times without a zone are read in the zone given (the site's, UTC when
 * unknown). Syslog's and the kernel's forms carry no year or only the uptime, and give no time.
 */
final class LogTime {

    private static final Pattern NGINX = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern PHP = Pattern.compile(
            "\\[(\\d{2})-([A-Za-z]{3})-(\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?(?: ([A-Za-z][A-Za-z_/+-]{0,40}))?\\]");
    private static final Pattern APACHE = Pattern.compile(
            "\\[[A-Za-z]{3} ([A-Za-z]{3}) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)? (\\d{4})\\]");
    /** The access log's "[16/May/2024:09:12:03 +0200]" (nginx, Apache, LiteSpeed): always with its offset. */
    private static final Pattern ACCESS = Pattern.compile("\\[(\\d{2})/([A-Za-z]{3})/(\\d{4}):(\\d{2}):(\\d{2}):(\\d{2}) ([+-]\\d{4})\\]");
    private static final Pattern AUDIT = Pattern.compile("audit\\((\\d{9,11})\\.\\d+:");
    /** Syslog's and journalctl's "Nov 26 05:07:46 host prog[pid]:": no year, no zone. */
    private static final Pattern SYSLOG = Pattern.compile(
            "(?:^|[\\s|])(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)? \\S");
    private static final int LOOK_AT = 240;
    /** The stamps with a clock, in the order they are tried. */
    private static final Pattern[] CLOCKED = {NGINX, ISO, PHP, APACHE, ACCESS};
    /**
     * How far a clock stands from its stamp's start, at most: "[01/Mar/2024:" and "[01-Mar-2024 " are 13
     * characters, "[Wed Mar  1 " 12, "2024-03-01T" and "2024/03/01 " 11.
     */
    private static final int CLOCK_OFFSET = 13;

    private LogTime() {
    }

    /** A timestamp read off a line, and whether the line said its zone. */
    record Found(Instant at, boolean zoneGiven) {
    }

    static Instant find(String line) {
        Found f = find(line, ZoneOffset.UTC);
        return f == null ? null : f.at();
    }

    static Found find(String line, ZoneId local) {
        String head = line.length() > LOOK_AT ? line.substring(0, LOOK_AT) : line;
        Found best = null;
        int bestAt = Integer.MAX_VALUE;
        // Every stamp but audit's holds a clock (12:04:17) at most CLOCK_OFFSET characters after its start,
        // so none starts before the first clock's offset: the patterns search from there, and stop at the
        // first that matches where a stamp can first start.
        int clock = firstClock(head);
        if (clock >= 0) {
            int from = Math.max(0, clock - CLOCK_OFFSET);
            for (Pattern p : CLOCKED) {
                Matcher m = p.matcher(head).region(from, head.length());
                if (m.find() && m.start() < bestAt) {
                    Instant t = read(p, m, local);
                    if (t != null) {
                        best = new Found(t, zoneGiven(p, m));
                        bestAt = m.start();
                        if (bestAt == from) break;
                    }
                }
            }
        }
        if (head.contains("audit(")) {
            Matcher m = AUDIT.matcher(head);
            if (m.find() && m.start() < bestAt) {
                Instant t = read(AUDIT, m, local);
                if (t != null) best = new Found(t, true);
            }
        }
        return best;
    }

    /** Where the first "dd:dd:dd" of the text starts, or -1. */
    private static int firstClock(String text) {
        for (int i = 0; i + 8 <= text.length(); i++) {
            if (text.charAt(i + 2) == ':' && text.charAt(i + 5) == ':' && digits(text, i) && digits(text, i + 3) && digits(text, i + 6)) return i;
        }
        return -1;
    }

    private static boolean digits(String text, int at) {
        char a = text.charAt(at);
        char b = text.charAt(at + 1);
        return a >= '0' && a <= '9' && b >= '0' && b <= '9';
    }

    /**
     * A syslog-style stamp ("Nov 26 05:07:46") placed in the year that puts it at or before the
     * reference (the latest time the record shows), allowing a day for clocks and zones: a line from
     * "Dec 31" read in a record that ends on January 1st belongs to the year before. Null when the
     * line has no such stamp, or has a full one.
     */
    static Instant yearless(String line, ZoneId local, Instant reference) {
        String head = line.length() > LOOK_AT ? line.substring(0, LOOK_AT) : line;
        Matcher m = SYSLOG.matcher(head);
        if (!m.find() || find(head, local) != null) return null;
        try {
            int year = reference.atZone(local).getYear();
            var stamp = LocalDateTime.of(year, month(m.group(1)), i(m, 2), i(m, 3), i(m, 4), i(m, 5));
            Instant at = stamp.atZone(local).toInstant();
            if (at.isAfter(reference.plus(java.time.Duration.ofDays(1)))) {
                at = stamp.minusYears(1).atZone(local).toInstant();
            }
            return at;
        } catch (DateTimeException | IllegalArgumentException notADate) {
            return null; // Feb 29 in a year without it, a 25th hour
        }
    }

    private static boolean zoneGiven(Pattern p, Matcher m) {
        if (p == ISO) return m.group(8) != null;
        if (p == PHP) return m.group(7) != null;
        return p == AUDIT || p == ACCESS;
    }

    private static Instant read(Pattern p, Matcher m, ZoneId local) {
        try {
            if (p == NGINX) return LocalDateTime.of(i(m, 1), i(m, 2), i(m, 3), i(m, 4), i(m, 5), i(m, 6)).atZone(local).toInstant();
            if (p == ISO) {
                String s = m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + m.group(4) + ":" + m.group(5) + ":" + m.group(6)
                        + (m.group(7) == null ? "" : m.group(7));
                if (m.group(8) == null) return LocalDateTime.parse(s).atZone(local).toInstant();
                String zone = m.group(8).length() == 5 ? m.group(8).substring(0, 3) + ":" + m.group(8).substring(3) : m.group(8);
                return OffsetDateTime.parse(s + zone).toInstant();
            }
            if (p == PHP) {
                LocalDateTime stamp = LocalDateTime.of(i(m, 3), month(m.group(2)), i(m, 1), i(m, 4), i(m, 5), i(m, 6));
                ZoneId zone = local;
                if (m.group(7) != null) {
                    try {
                        zone = ZoneId.of(m.group(7));
                    } catch (DateTimeException unknownZone) {
                        zone = local;
                    }
                }
                return stamp.atZone(zone).toInstant();
            }
            if (p == APACHE) {
                return LocalDateTime.of(i(m, 6), month(m.group(1)), i(m, 2), i(m, 3), i(m, 4), i(m, 5)).atZone(local).toInstant();
            }
            if (p == ACCESS) {
                return LocalDateTime.of(i(m, 3), month(m.group(2)), i(m, 1), i(m, 4), i(m, 5), i(m, 6))
                        .atOffset(ZoneOffset.of(m.group(7))).toInstant();
            }
            if (p == AUDIT) return Instant.ofEpochSecond(Long.parseLong(m.group(1)));
        } catch (DateTimeException | IllegalArgumentException notADate) {
            return null;
        }
        return null;
    }

    private static int i(Matcher m, int g) {
        return Integer.parseInt(m.group(g));
    }

    private static Month month(String abbreviation) {
        for (Month mo : MONTHS) {
            if (mo.name().regionMatches(true, 0, abbreviation, 0, 3) && abbreviation.length() == 3) return mo;
        }
        throw new IllegalArgumentException("not a month: " + abbreviation.toLowerCase(Locale.ROOT));
    }

    private static final Month[] MONTHS = Month.values();
}
