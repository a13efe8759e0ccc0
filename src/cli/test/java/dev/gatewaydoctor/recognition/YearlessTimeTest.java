package dev.gatewaydoctor.recognition;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Syslog and journalctl stamps ("Nov 26 05:07:46 host prog:") take their year from the record. */
class YearlessTimeTest {

    private static final Instant NEW_YEAR = Instant.parse("2025-01-01T00:00:04Z");

    @Test
    void aDecemberLineInARecordEndingInJanuaryBelongsToTheYearBefore() {
        assertThat(LogRecognizer.yearlessTime("Dec 31 23:58:10 web1 kernel: [8812345.121877] Out of memory: Killed process 22118 (php-fpm8.2)",
                ZoneOffset.UTC, NEW_YEAR)).isEqualTo(Instant.parse("2024-12-31T23:58:10Z"));
    }

    @Test
    void aLineUpToADayAfterTheReferenceStaysInItsYear() {
        assertThat(LogRecognizer.yearlessTime("Jan  1 18:00:00 web1 systemd[1]: php8.2-fpm.service: Main process exited, code=killed, status=9/KILL",
                ZoneOffset.UTC, NEW_YEAR)).isEqualTo(Instant.parse("2025-01-01T18:00:00Z"));
    }

    @Test
    void theSitesZoneApplies() {
        assertThat(LogRecognizer.yearlessTime("Jun 12 14:20:07 shop php-fpm8.2[811]: [WARNING] [pool www] server reached pm.max_children setting (5)",
                ZoneId.of("Europe/Berlin"), Instant.parse("2024-06-12T13:00:00Z"))).isEqualTo(Instant.parse("2024-06-12T12:20:07Z"));
    }

    @Test
    void containerPrefixesAreSkipped() {
        assertThat(LogRecognizer.yearlessTime("php_1  | Mar  3 09:15:00 c0ffee php-fpm[1]: WARNING: [pool www] child 31 exited on signal 11 (SIGSEGV)",
                ZoneOffset.UTC, NEW_YEAR)).isEqualTo(Instant.parse("2024-03-03T09:15:00Z"));
    }

    @Test
    void linesWithAFullTimestampOrNoneAreLeftAlone() {
        assertThat(LogRecognizer.yearlessTime("2024/05/06 14:05:12 [error] 77#77: *18812 upstream prematurely closed connection", ZoneOffset.UTC, NEW_YEAR)).isNull();
        assertThat(LogRecognizer.yearlessTime("[Mon Nov 25 10:00:00.123456 2024] [proxy_fcgi:error] [pid 1] AH01079: failed to make connection", ZoneOffset.UTC, NEW_YEAR)).isNull();
        assertThat(LogRecognizer.yearlessTime("upstream prematurely closed connection while reading response header", ZoneOffset.UTC, NEW_YEAR)).isNull();
        assertThat(LogRecognizer.yearlessTime("Feb 30 10:00:00 host kernel: nonsense date", ZoneOffset.UTC, NEW_YEAR)).isNull();
    }
}
