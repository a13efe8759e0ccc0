package dev.gatewaydoctor.recognition;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LogTimeTest {

    @Test
    void eachFormReadsWithItsZoneOrWithout() {
        assertThat(LogTime.find("2024/03/01 12:04:17 [error] 1187#1187: *1 connect() failed", ZoneOffset.UTC))
                .isEqualTo(new LogTime.Found(Instant.parse("2024-03-01T12:04:17Z"), false));
        assertThat(LogTime.find("[01-Mar-2024 12:03:58 Europe/Amsterdam] PHP Fatal error:  x", ZoneOffset.UTC))
                .isEqualTo(new LogTime.Found(Instant.parse("2024-03-01T11:03:58Z"), true));
        assertThat(LogTime.find("[Wed Mar  1 12:04:17.101010 2024] [proxy_fcgi:error] [pid 77]", ZoneOffset.UTC).at())
                .isEqualTo(Instant.parse("2024-03-01T12:04:17Z"));
        assertThat(LogTime.find("203.0.113.7 - - [01/Mar/2024:12:04:02 +0200] \"GET / HTTP/2.0\" 502 166", ZoneOffset.UTC))
                .isEqualTo(new LogTime.Found(Instant.parse("2024-03-01T10:04:02Z"), true));
        assertThat(LogTime.find("web-1  | 2024-03-01T12:04:17.123Z stderr", ZoneOffset.UTC).at())
                .isEqualTo(Instant.parse("2024-03-01T12:04:17.123Z"));
        assertThat(LogTime.find("type=AVC msg=audit(1709294657.123:456): avc:  denied  { connectto } at 12:04:17", ZoneOffset.UTC).at())
                .isEqualTo(Instant.ofEpochSecond(1709294657));
    }

    @Test
    void theEarliestStampWinsPastClocksThatAreNoStamp() {
        // The first clock belongs to no stamp; the stamp after it is read, and the earlier of two stamps wins.
        assertThat(LogTime.find("uptime 10:11:12, then [01-Mar-2024 12:03:58] WARNING: [pool www] busy", ZoneOffset.UTC).at())
                .isEqualTo(Instant.parse("2024-03-01T12:03:58Z"));
        assertThat(LogTime.find("x [01/Mar/2024:12:04:02 +0000] 2024/03/02 08:00:00", ZoneOffset.UTC).at())
                .isEqualTo(Instant.parse("2024-03-01T12:04:02Z"));
        assertThat(LogTime.find("no stamp here, only 12:04 and 2024/03/01", ZoneOffset.UTC)).isNull();
    }
}
