package dev.gatewaydoctor.fleet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.time.Instant;

/**
 * Places each record at the time it tells (a line's {@code at}, else its own stamp; an event's {@code at}), so that
 * windows, the baseline and stream time follow when things happened, not when a shipper sent them: a log replayed a
 * day late is diagnosed as it was. A record that tells no time takes its Kafka timestamp.
 */
public final class EventTimes implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Input in) {
            Instant t = in.eventTime();
            if (t != null && t.toEpochMilli() >= 0) return t.toEpochMilli();
        }
        // Kafka drops a record with a negative timestamp: one that has none is placed at the partition's time.
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }
}
