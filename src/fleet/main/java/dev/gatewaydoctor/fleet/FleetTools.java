package dev.gatewaydoctor.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Two helpers for trying fleet mode and for backfills, on the topics of the same settings: {@code feed} sends a log
 * (or a file of JSON records) to the logs topic, {@code tail} prints the diagnoses as they arrive (read_committed: only
 * what the application committed).
 */
final class FleetTools {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FleetTools() {
    }

    /** The settings of --config, or null once the error is printed. */
    private static FleetSettings settings(Path config, PrintWriter err) {
        try {
            return FleetSettings.load(config);
        } catch (FleetSettings.SettingsException e) {
            err.println("gatewaydoctor-fleet: " + e.getMessage());
            return null;
        }
    }

    /** Kafka client settings from kafka.* that a plain client understands (security, timeouts), with the brokers. */
    static Map<String, Object> client(FleetSettings s) {
        var m = new HashMap<String, Object>();
        s.kafka().forEach((k, v) -> {
            if (k.startsWith("security.") || k.startsWith("ssl.") || k.startsWith("sasl.")) m.put(k, v);
        });
        m.put("bootstrap.servers", s.bootstrapServers());
        return m;
    }

    @Command(name = "feed", mixinStandardHelpOptions = true,
            description = {"Sends a log to the logs topic: each line as {site, source, line}, keyed by site;",
                    "or, without --site, a file of such JSON records, one a line (src/fleet/sample/shop-1.jsonl), as they are.",
                    "Lines are read in order; stream time follows the lines' own stamps, so feed a site's logs merged by time."})
    static final class Feed implements Callable<Integer> {
        @ParentCommand
        FleetMain parent;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the settings (the brokers and topic.logs)")
        Path config;

        @Option(names = "--site", paramLabel = "SITE", description = "the site the log is of (then --source too)")
        String site;

        @Option(names = "--source", paramLabel = "SOURCE", description = "the log's source: nginx-error, nginx-access, php-fpm, ...")
        String source;

        @Parameters(paramLabel = "FILE", description = "the log or the JSON records ('-': standard input)")
        String file;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = parent.err();
            FleetSettings s = settings(config, err);
            if (s == null) return FleetMain.BAD_INPUT;
            if ((site == null) != (source == null)) {
                err.println("gatewaydoctor-fleet feed: --site and --source go together (without them, FILE holds JSON records)");
                return FleetMain.BAD_INPUT;
            }
            if (!file.equals("-") && !Files.isReadable(Path.of(file))) {
                err.println("gatewaydoctor-fleet feed: " + file + ": no such file");
                return FleetMain.BAD_INPUT;
            }
            var props = client(s);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            // One request in flight: with more, a first batch refused for a moment (a topic just created, a leader
            // moving) is overtaken by the next ones, and its retry is then refused for ever as out of order
            // (KAFKA-14359). A log fed here is small; its order and completeness matter more than speed.
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            // A send waits for the topic's metadata from the brokers: 15 s is long enough for a broker that is there and
            // short enough for a mistyped address, which Kafka's 60 s left the user staring at. kafka.max.block.ms sets another.
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, s.kafka().getOrDefault("max.block.ms", "15000"));
            var failed = new java.util.concurrent.atomic.AtomicLong();
            var firstFailure = new java.util.concurrent.atomic.AtomicReference<Exception>();
            long sent = 0;
            try (var in = new BufferedReader(new InputStreamReader(file.equals("-") ? System.in : Files.newInputStream(Path.of(file)), StandardCharsets.UTF_8));
                 var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                String line;
                int n = 0;
                while ((line = in.readLine()) != null) {
                    n++;
                    if (line.isBlank()) continue;
                    String key;
                    String value;
                    if (site != null) {
                        key = site;
                        value = JSON.createObjectNode().put("site", site).put("source", source).put("line", line).toString();
                    } else {
                        JsonNode o;
                        try {
                            o = JSON.readTree(line);
                        } catch (IOException e) {
                            err.println("gatewaydoctor-fleet feed: " + file + ":" + n + ": not a JSON record (without --site, each line is {site, source, line, at?})");
                            return FleetMain.BAD_INPUT;
                        }
                        if (o == null || !o.path("site").isTextual()) {
                            err.println("gatewaydoctor-fleet feed: " + file + ":" + n + ": a record without a site");
                            return FleetMain.BAD_INPUT;
                        }
                        key = o.get("site").asText();
                        value = line;
                    }
                    producer.send(new ProducerRecord<>(s.logsTopic(), key, value), (metadata, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e);
                        }
                    });
                    sent++;
                }
                producer.flush();
            }
            // Sent is not delivered: a record the brokers did not take is said, and the exit code says it too.
            if (failed.get() > 0) {
                err.println("gatewaydoctor-fleet feed: " + failed.get() + " of " + sent + " records not delivered to " + s.logsTopic() + " on "
                        + s.bootstrapServers() + ": " + firstFailure.get().getMessage());
                return FleetMain.FAILED;
            }
            err.println("gatewaydoctor-fleet feed: sent " + sent + " records to " + s.logsTopic() + " on " + s.bootstrapServers());
            return FleetMain.OK;
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Prints the diagnoses and closing records of the output topic, one JSON object a line, as they are committed.")
    static final class Tail implements Callable<Integer> {
        @ParentCommand
        FleetMain parent;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the settings (the brokers and topic.diagnoses)")
        Path config;

        @Option(names = "--max", paramLabel = "N", description = "stop after N records")
        Integer max;

        @Option(names = "--idle", paramLabel = "DURATION", description = "stop when nothing came for this long (ISO-8601, PT30S)")
        Duration idle;

        @Override
        public Integer call() {
            FleetSettings s = settings(config, parent.err());
            if (s == null) return FleetMain.BAD_INPUT;
            var props = client(s);
            // No group: every tail reads the whole topic from its start, and commits nothing.
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            PrintWriter out = parent.out();
            int seen = 0;
            try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                var partitions = consumer.partitionsFor(s.outputTopic(), Duration.ofSeconds(30)).stream()
                        .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long last = System.nanoTime();
                while (max == null || seen < max) {
                    var records = consumer.poll(Duration.ofMillis(500));
                    for (var r : records) {
                        out.println(r.value());
                        seen++;
                        if (max != null && seen >= max) break;
                    }
                    out.flush();
                    if (!records.isEmpty()) last = System.nanoTime();
                    else if (idle != null && System.nanoTime() - last > idle.toNanos()) break;
                }
            }
            return FleetMain.OK;
        }
    }

}
