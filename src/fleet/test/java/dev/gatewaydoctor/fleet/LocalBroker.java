package dev.gatewaydoctor.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.stream.Stream;

/**
 * A Kafka broker to try fleet mode on one machine (README, "Fleet mode"), with nothing to install: the broker of
 * FleetBrokerTest (KRaft, one node, in this JVM) on localhost:9092 (its controller on 9093), with the four topics of
 * the default settings, three partitions each. Its data is in a new temporary directory, deleted when it stops (Ctrl-C).
 * src/fleet/local-broker.sh builds and runs it. Usage: LocalBroker [port] [partitions]
 */
public final class LocalBroker {

    private LocalBroker() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("gatewaydoctor-kafka-");
        var kafka = new InProcessKafka(dir, port, port + 1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException e) {
                System.err.println("local-broker: " + dir + " not deleted: " + e.getMessage());
            }
        }, "local-broker-stop"));
        FleetSettings defaults = FleetSettings.defaults(kafka.bootstrap);
        var topics = new LinkedHashMap<String, Integer>();
        for (String t : new String[] {defaults.logsTopic(), defaults.eventsTopic(), defaults.outputTopic(), defaults.deadLetterTopic()}) {
            topics.put(t, partitions);
        }
        kafka.createTopics(topics);
        System.out.println("local-broker: Kafka on " + kafka.bootstrap + " (data in " + dir + "), topics " + String.join(", ", topics.keySet())
                + " with " + partitions + " partitions each; Ctrl-C stops it");
        Thread.currentThread().join();
    }
}
