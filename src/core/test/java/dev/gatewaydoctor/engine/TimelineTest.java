package dev.gatewaydoctor.engine;

import dev.gatewaydoctor.facts.Event;
import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.HttpResponse;
import dev.gatewaydoctor.facts.Metric;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    private static final Instant T = Instant.parse("2024-06-12T12:00:00Z");

    private static HttpResponse status(int status, Instant at) {
        return dev.gatewaydoctor.recognition.ErrorPageRecognizer.response(status, null, Map.of(), null, null, null, at, null);
    }

    private static HttpResponse bad(Instant at) {
        return status(502, at);
    }

    private static Instant at(long minutes) {
        return T.plus(Duration.ofMinutes(minutes));
    }

    private static <X> X one(Timeline.Derived d, Class<X> type) {
        return d.facts().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static <X> List<X> all(Timeline.Derived d, Class<X> type) {
        return d.facts().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Timeline.Derived derive(List<Fact> facts) {
        return Timeline.derive(facts, List.of(), ZoneOffset.UTC);
    }

    @Test
    void oneShortBurstIsSingleAndBrief() {
        var d = derive(List.of(bad(at(0)), bad(at(1)), status(200, at(20))));
        ErrorTimeline t = one(d, ErrorTimeline.class);
        assertThat(t.pattern()).isEqualTo("single");
        assertThat(t.brief()).isTrue();
        assertThat(t.errors()).isEqualTo(2);
        assertThat(t.quietMinutesAtEnd()).isEqualTo(19);
        assertThat(d.end()).isEqualTo(at(20));
        assertThat(d.onset().at()).isEqualTo(at(0));
    }

    @Test
    void failuresEveryFiveMinutesForAnHourAreSteady() {
        var facts = new ArrayList<Fact>();
        for (int m = 0; m <= 60; m += 5) facts.add(bad(at(m)));
        ErrorTimeline t = one(derive(facts), ErrorTimeline.class);
        assertThat(t.pattern()).isEqualTo("steady");
        assertThat(t.bursts()).isEqualTo(1);
        assertThat(t.durationMinutes()).isEqualTo(60);
        assertThat(t.brief()).isFalse();
    }

    @Test
    void aGoodResponseBetweenFailuresSplitsTheBurst() {
        ErrorTimeline t = one(derive(List.of(bad(at(0)), status(200, at(2)), bad(at(4)), bad(at(40)), bad(at(95)))), ErrorTimeline.class);
        assertThat(t.bursts()).isEqualTo(4);
        assertThat(t.pattern()).isEqualTo("intermittent");
    }

    @Test
    void anHourEveryEveningIsPeriodicEvenWithADaySkipped() {
        var facts = new ArrayList<Fact>();
        for (int day : new int[] {0, 1, 2, 4, 5}) {
            facts.add(bad(at(day * 1440L + 420)));        // 19:00 in Berlin summer time
            facts.add(bad(at(day * 1440L + 455)));        // and again 35 minutes later: one episode
        }
        ErrorTimeline t = Timeline.derive(facts, List.of(), ZoneId.of("Europe/Berlin")).facts().stream()
                .filter(ErrorTimeline.class::isInstance).map(ErrorTimeline.class::cast).findFirst().orElseThrow();
        assertThat(t.pattern()).isEqualTo("periodic");
        assertThat(t.periodMinutes()).isEqualTo(1440);
        assertThat(t.recurringHour()).isEqualTo(21);
    }

    @Test
    void irregularOutagesAreNotPeriodic() {
        ErrorTimeline t = one(derive(List.of(bad(at(0)), bad(at(300)), bad(at(2000)), bad(at(2300)))), ErrorTimeline.class);
        assertThat(t.pattern()).isEqualTo("intermittent");
        assertThat(t.periodMinutes()).isZero();
        assertThat(t.recurringHour()).isEqualTo(-1);
    }

    @Test
    void changesAreRankedByDistanceBeforeTheOnsetAndNeverAfterIt() {
        var d = derive(List.of(
                new Event("plugin-updated", "far", at(-600)),
                new Event("config-edited", "near", at(-15)),
                new Event("theme-updated", "middle", at(-120)),
                new Event("service-restarted", "php8.2-fpm", at(-5)),
                new Event("incident", "old outage", at(-4000)),
                new Event("plugin-updated", "after", at(30)),
                bad(at(0))));
        var byWhat = new java.util.HashMap<String, EventTiming>();
        all(d, EventTiming.class).forEach(e -> byWhat.put(e.subject(), e));
        assertThat(byWhat.get("near").rankBeforeOnset()).isEqualTo(1);
        assertThat(byWhat.get("middle").rankBeforeOnset()).isEqualTo(2);
        assertThat(byWhat.get("far").rankBeforeOnset()).isEqualTo(3);
        assertThat(byWhat.get("after").rankBeforeOnset()).isZero();
        assertThat(byWhat.get("after").minutesBeforeOnset()).isEqualTo(-30);
        assertThat(byWhat.get("php8.2-fpm").change()).isFalse();
        assertThat(byWhat.get("old outage").change()).isFalse();
        assertThat(byWhat.get("old outage").rankBeforeOnset()).isZero();
        assertThat(byWhat.get("near").describe()).isEqualTo("event config-edited near 15 min before the first error (the last change before it)");
    }

    @Test
    void trafficNearTheOnsetIsComparedWithTheMedianBeforeIt() {
        var d = derive(List.of(
                new Metric("requests.per.second", 10, null, at(-180)),
                new Metric("requests.per.second", 30, null, at(-120)),
                new Metric("requests.per.second", 12, null, at(-60)),
                new Metric("requests.per.second", 48, null, at(5)),
                bad(at(0))));
        TrafficAroundOnset t = one(d, TrafficAroundOnset.class);
        assertThat(t.baseline()).isEqualTo(12);
        assertThat(t.ratio()).isEqualTo(4.0);
    }

    @Test
    void theStatedBaselineServesWhenNoEarlierSampleExists() {
        var d = derive(List.of(new Metric("requests.per.second.baseline", 20, null, null),
                new Metric("requests.per.second", 30, null, at(-2)), bad(at(0))));
        assertThat(one(d, TrafficAroundOnset.class).ratio()).isEqualTo(1.5);
        assertThat(all(derive(List.of(new Metric("requests.per.second", 30, null, null), bad(at(0)))), TrafficAroundOnset.class)).isEmpty();
    }

    @Test
    void theErrorRateIsCountedInTenMinuteSlotsFromTheOnset() {
        var d = derive(List.of(bad(at(0)), bad(at(3)), bad(at(9)), bad(at(12)), bad(at(45))));
        assertThat(all(d, ErrorRate.class)).extracting(ErrorRate::from, ErrorRate::errors)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(at(0), 3), org.assertj.core.groups.Tuple.tuple(at(10), 1),
                        org.assertj.core.groups.Tuple.tuple(at(40), 1));
    }

    @Test
    void aRecordWithoutTimesHasNoOnsetAndNoEnd() {
        var d = derive(List.of(bad(null), new Event("plugin-updated", "x", null)));
        assertThat(d.onset()).isNull();
        assertThat(d.end()).isNull();
        assertThat(d.facts()).isEmpty();
    }

    @Test
    void aLineThatSaysTwoThingsIsOneFailureButTwoEventsForTheRules() {
        var line = new dev.gatewaydoctor.facts.LogLine("php-error", "[12-Jun-2024 12:20:07 UTC] PHP Fatal error:  Uncaught ErrorException: "
                + "file_put_contents(): Write of 8192 bytes failed with errno=28 No space left on device in "
                + "/var/www/html/wp-content/plugins/wp-super-cache/wp-cache-phase2.php:2051", null);
        var signals = dev.gatewaydoctor.TestRules.recognizer().recognize(line);
        assertThat(signals).extracting(dev.gatewaydoctor.recognition.LogSignal::family).containsExactlyInAnyOrder("php-fatal-error", "disk-full");
        var d = Timeline.derive(List.of(line), signals, ZoneOffset.UTC);
        assertThat(all(d, ErrorSeen.class)).extracting(ErrorSeen::family).containsExactlyInAnyOrder("php-fatal-error", "disk-full");
        assertThat(one(d, ErrorTimeline.class).errors()).isEqualTo(1);
        assertThat(all(d, ErrorRate.class)).extracting(ErrorRate::errors).containsExactly(1);
    }

    @Test
    void moreThanTwoDaysWithoutFailuresEndAnIncident() {
        // A stray error three days before, then today's outage: the onset is today's first error.
        var d = derive(List.of(bad(at(-3 * 1440)), new Event("plugin-updated", "shop", at(-10)), bad(at(0)), bad(at(4)), bad(at(9))));
        assertThat(d.onset().at()).isEqualTo(at(0));
        ErrorTimeline t = one(d, ErrorTimeline.class);
        assertThat(t.errors()).isEqualTo(3);
        assertThat(t.earlierFailures()).isEqualTo(1);
        assertThat(one(d, EventTiming.class).rankBeforeOnset()).isEqualTo(1);
        assertThat(all(d, ErrorSeen.class)).hasSize(4); // the old one is still there for rules that look back
        // Failures every evening, one evening skipped, chain into one incident: no gap reaches 52 hours.
        var evenings = derive(List.of(bad(at(0)), bad(at(1400)), bad(at(2850)), bad(at(5750))));
        assertThat(evenings.onset().at()).isEqualTo(at(0));
        assertThat(one(evenings, ErrorTimeline.class).earlierFailures()).isZero();
    }
}
