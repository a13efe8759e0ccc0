package dev.gatewaydoctor.fleet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.time.Instant;

/**
 * Places each record at the time it tells, so that windows, the baseline and stream time follow when things happened,
 * not when a shipper sent them: a log replayed a day late is diagnosed as it was.
 * <ul>
 * <li>a log line at its {@code at}, else its own stamp, else an access log's request time;</li>
 * <li>a change at the newest time its partition has seen (0 at first): it is kept with its own {@code at}, which is
 * what its diagnoses read, and never moves stream time. Placed at its {@code at}, a change sent while the site's logs
 * lag behind (a shipper's batch, a quiet partition) would move stream time past their lines: ticks would run on
 * windows still filling, and the lines would come late;</li>
 * <li>a record that tells no time (most noise lines are never read that far; a record that could not be read) at the
 * newest time its partition has seen, or at 0 for a partition's first record: never at the time it was sent, which
 * in a replay of old logs would move stream time past every line still to come.</li>
 * </ul>
 */
public final class EventTimes implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Input.Line in) {
            Instant t = in.eventTime();
            if (t != null && t.toEpochMilli() >= 0) return t.toEpochMilli();
        }
        return Math.max(0, partitionTime);
    }
}
