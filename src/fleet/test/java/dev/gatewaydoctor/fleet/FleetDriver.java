package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.Diagnoser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The fleet topology in a TopologyTestDriver: records in, diagnoses and dead letters out, as JSON trees. */
final class FleetDriver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final FleetSettings settings;
    final TopologyTestDriver driver;
    final TestInputTopic<String, String> logs;
    final TestInputTopic<String, String> events;
    final TestOutputTopic<String, String> diagnoses;
    final TestOutputTopic<String, String> deadLetters;

    private static Diagnoser bundled;

    /**
     * rules/ as the jar bundles them, precompiled by the build: loaded in a second where compiling the DRL takes
     * several, once per test JVM.
     */
    static synchronized Diagnoser bundledRules() {
        if (bundled == null) bundled = Diagnoser.withBundledRules();
        return bundled;
    }

    /** What the topology counted. */
    final FleetMetrics metrics = new FleetMetrics();

    FleetDriver(Diagnoser doctor, Path stateDir, Map<String, String> changes) throws Exception {
        var base = new java.util.HashMap<String, String>(changes);
        base.put("state.dir", stateDir.toString());
        // Ranking next checks costs half a second a diagnosis; the tests that read them ask for them.
        base.putIfAbsent("next-checks", "false");
        // The driver commits after every record, which costs RocksDB a flush each (a real instance commits every 100 ms):
        // the topology's tests run on the in-memory stores, and FleetBrokerTest on RocksDB, the default.
        base.putIfAbsent("state.stores", "memory");
        settings = FleetSettings.defaults("driver:9092").with(base);
        driver = new TopologyTestDriver(FleetTopology.build(settings, doctor, metrics), FleetTopology.streamsConfig(settings));
        logs = driver.createInputTopic(settings.logsTopic(), new StringSerializer(), new StringSerializer());
        events = driver.createInputTopic(settings.eventsTopic(), new StringSerializer(), new StringSerializer());
        diagnoses = driver.createOutputTopic(settings.outputTopic(), new StringDeserializer(), new StringDeserializer());
        deadLetters = driver.createOutputTopic(settings.deadLetterTopic(), new StringDeserializer(), new StringDeserializer());
    }

    /** Pipes the records, each with the time it was shipped (its own time: shippers send as they read). */
    void pipe(List<SiteLogs.Rec> records) {
        for (var r : records) logs.pipeInput(r.key(), r.value(), r.at());
    }

    /** A raw line, as a shipper that puts the site and source in headers sends it. */
    void pipeRaw(String key, String site, String source, String line, Instant shipped) {
        var headers = new RecordHeaders();
        if (site != null) headers.add("site", site.getBytes(StandardCharsets.UTF_8));
        if (source != null) headers.add("source", source.getBytes(StandardCharsets.UTF_8));
        logs.pipeInput(new TestRecord<>(key, line, headers, shipped));
    }

    void event(String site, String kind, String subject, Instant at) {
        var o = JSON.createObjectNode().put("site", site).put("kind", kind).put("at", at.toString());
        if (subject != null) o.put("subject", subject);
        events.pipeInput(site, o.toString(), at);
    }

    /** The diagnoses and closing records, each checked to be keyed by its site. */
    List<JsonNode> diagnoses() {
        return read(diagnoses, true);
    }

    /** The dead letters, keyed as their records came. */
    List<JsonNode> deadLetters() {
        return read(deadLetters, false);
    }

    private static List<JsonNode> read(TestOutputTopic<String, String> topic, boolean keyedBySite) {
        var out = new ArrayList<JsonNode>();
        for (var kv : topic.readKeyValuesToList()) {
            try {
                JsonNode n = JSON.readTree(kv.value);
                if (keyedBySite && !n.path("site").asText().equals(kv.key)) throw new AssertionError("keyed by " + kv.key + ": " + n);
                out.add(n);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + kv.value, e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        driver.close();
    }
}
