package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.Diagnoser;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.util.Properties;

/**
 * The topology of fleet mode (docs/fleet.md has its picture): the logs and events topics, keyed by site, into one
 * processor that keeps each site's windows and incidents in changelogged stores, and out to the diagnoses and
 * dead-letter topics. Both inputs feed the same stores, so they must be co-partitioned: the same number of
 * partitions, keyed by site id.
 */
public final class FleetTopology {

    private FleetTopology() {
    }

    public static Topology build(FleetSettings settings, Diagnoser doctor) {
        return build(settings, doctor, new FleetMetrics());
    }

    /** The topology, counting what it does into {@code metrics}. */
    public static Topology build(FleetSettings settings, Diagnoser doctor, FleetMetrics metrics) {
        // Either kind is changelogged: in memory, a restarted instance reads its stores back from the changelogs.
        boolean memory = settings.memoryStores();
        var reader = new InputReader(new Recognition(doctor), settings.zone());
        var times = new EventTimes();
        var t = new Topology();
        t.addSource(AutoOffsetReset.earliest(), "logs", times, Serdes.String().deserializer(), reader.lines(), settings.logsTopic());
        t.addSource(AutoOffsetReset.earliest(), "events", times, Serdes.String().deserializer(), reader.events(), settings.eventsTopic());
        t.addProcessor("incidents", () -> new IncidentProcessor(settings, doctor, metrics), "logs", "events");
        var retention = settings.retention();
        t.addStateStore(Stores.windowStoreBuilder(
                memory ? Stores.inMemoryWindowStore(IncidentProcessor.COUNTS, retention, settings.bucket(), false) : Stores.persistentWindowStore(IncidentProcessor.COUNTS, retention, settings.bucket(), false),
                Serdes.String(), Codecs.COUNTS).withCachingEnabled(), "incidents");
        t.addStateStore(Stores.windowStoreBuilder(
                memory ? Stores.inMemoryWindowStore(IncidentProcessor.KINDS, retention, settings.bucket(), false) : Stores.persistentWindowStore(IncidentProcessor.KINDS, retention, settings.bucket(), false),
                Serdes.String(), Codecs.KINDS).withCachingEnabled(), "incidents");
        t.addStateStore(Stores.keyValueStoreBuilder((memory ? Stores.inMemoryKeyValueStore(IncidentProcessor.EVENTS) : Stores.persistentKeyValueStore(IncidentProcessor.EVENTS)),
                Serdes.String(), Codecs.EVENTS), "incidents");
        t.addStateStore(Stores.keyValueStoreBuilder((memory ? Stores.inMemoryKeyValueStore(IncidentProcessor.INCIDENTS) : Stores.persistentKeyValueStore(IncidentProcessor.INCIDENTS)),
                Serdes.String(), Codecs.INCIDENT), "incidents");
        t.addStateStore(Stores.keyValueStoreBuilder((memory ? Stores.inMemoryKeyValueStore(IncidentProcessor.PENDING) : Stores.persistentKeyValueStore(IncidentProcessor.PENDING)),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), "incidents");
        t.addStateStore(Stores.keyValueStoreBuilder((memory ? Stores.inMemoryKeyValueStore(IncidentProcessor.CLOCK) : Stores.persistentKeyValueStore(IncidentProcessor.CLOCK)),
                Serdes.String(), Serdes.Long()), "incidents");
        t.addSink("diagnoses-out", settings.outputTopic(), Serdes.String().serializer(), Serdes.String().serializer(), "incidents");
        t.addSink("dead-letters-out", settings.deadLetterTopic(), Serdes.String().serializer(), Serdes.String().serializer(), "incidents");
        return t;
    }

    /** The producers' transaction.timeout.ms unless kafka.* sets it. */
    static final int TRANSACTION_TIMEOUT_MS = 60_000;

    /** Kafka Streams' settings: exactly once, the application id, brokers and state directory, then kafka.* as given. */
    public static Properties streamsConfig(FleetSettings settings) {
        var p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // A tick diagnoses its onsets on the stream thread inside one transaction: Kafka Streams' 10 s let the broker
        // abort the transaction of a burst (300 onsets in one tick, measured: fenced, a rebalance, the tick run again,
        // 28 s instead of 11), so 60 s, about 1,100 diagnoses with next checks. The price: a killed instance's open
        // transaction holds read_committed readers of the partitions it wrote that long (docs/fleet.md, "Diagnoses on the
        // stream thread").
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        // Kafka 4.x warns at every start that this is off, for global stores, which this topology has none of: on, as
        // Kafka 5 will have it, it changes nothing here and the warning goes (once: the partition assignor makes its own
        // copy of the settings from the consumer's, without it, and warns again; Kafka's, not ours to silence).
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.putAll(settings.kafka());
        return p;
    }
}
