package dev.gatewaydoctor;

import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A diagnosis depends on the facts, never on when it runs: the session's clock is a pseudo clock set
 * from the record, and the machine's clock is read only for the year of syslog lines in a record that
 * tells no year of its own.
 */
class TimeIndependenceTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T05:00:00Z"), ZoneOffset.UTC);
    private static final Clock YEARS_LATER = Clock.fixed(Instant.parse("2031-03-01T17:30:00Z"), ZoneOffset.UTC);

    private static dev.gatewaydoctor.facts.HttpResponse response(int status, Instant at) {
        return dev.gatewaydoctor.recognition.ErrorPageRecognizer.response(status, null, java.util.Map.of(), null, null, null, at, null);
    }

    @Test
    void replayingAtTwoWallClockTimesGivesTheSameDiagnosis() throws Exception {
        FactSet facts = new FactSetReader().read(TestRules.SAMPLES.resolve("server-oom-syslog-at-new-year.json"));
        Diagnosis now = TestRules.diagnoser().withClock(NOW).diagnose(facts);
        Diagnosis later = TestRules.diagnoser().withClock(YEARS_LATER).diagnose(facts);
        assertThat(later).isEqualTo(now);
        // The syslog lines were placed on 31 December 2024, the year the record gives, before the 502s of
        // New Year's Day: neither in 2026 nor in 2031.
        assertThat(now.incident().onset()).isEqualTo(Instant.parse("2024-12-31T23:58:10Z"));
        assertThat(now.incident().firstSeenIn()).isEqualTo("oom-killed in syslog");
    }

    @Test
    void aSlidingWindowCountsBackFromTheRecordsEndNotFromTheMachinesClock(@TempDir Path dir) throws Exception {
        Path rules = TestRules.slimCopyOfRules(dir);
        Path file = rules.resolve("causes/transient-upstream-glitch.drl");
        Files.writeString(file, Files.readString(file) + """

                rule "Five or more failures in the record's last ten minutes"
                when
                    Number(intValue >= 5) from accumulate(dev.gatewaydoctor.engine.ErrorSeen($n : count) over window:time(10m), sum($n))
                then
                    insert(new Evidence("transient-upstream-glitch", 0.1));
                end
                """);
        Diagnoser doctor = Diagnoser.fromDirectory(rules).withClock(YEARS_LATER);
        var burstAtTheEnd = FactSet.builder();
        var burstLongBefore = FactSet.builder();
        for (int s = 0; s < 6; s++) {
            burstAtTheEnd.fact(response(502, Instant.parse("2019-03-01T10:00:00Z").plusSeconds(s * 60L)));
            burstLongBefore.fact(response(502, Instant.parse("2019-03-01T10:00:00Z").plusSeconds(s * 60L)));
        }
        burstLongBefore.fact(response(200, Instant.parse("2019-03-01T11:00:00Z")));
        assertThat(doctor.diagnose(burstAtTheEnd.build()).causes()).flatExtracting(RankedCause::evidence).extracting(EvidenceItem::rule)
                .contains("Five or more failures in the record's last ten minutes");
        assertThat(doctor.diagnose(burstLongBefore.build()).causes()).flatExtracting(RankedCause::evidence).extracting(EvidenceItem::rule)
                .doesNotContain("Five or more failures in the record's last ten minutes");
    }

    @Test
    void eventsLongBeforeTheRecordsEndDoNotExpireBeforeTheRulesSeeThem() {
        // The clock stands at the record's end from the start: an event twenty years earlier is still there.
        FactSet facts = FactSet.builder()
                .fact(response(502, Instant.parse("2024-05-01T10:00:00Z")))
                .fact(new dev.gatewaydoctor.facts.Event("site-migrated", "to this host", Instant.parse("2004-05-01T10:00:00Z")))
                .build();
        Diagnosis d = TestRules.diagnoser().diagnose(facts);
        assertThat(d.rulesFired()).doesNotContain("A change was made, and the record cannot place it against the first error");
        assertThat(d.incident().lastChange()).startsWith("site-migrated to this host, 7305 days");
    }
}
