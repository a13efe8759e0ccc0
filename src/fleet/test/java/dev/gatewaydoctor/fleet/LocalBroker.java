package dev.gatewaydoctor.fleet;

import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * A Kafka broker to try fleet mode on one machine (README, "Fleet mode"), with nothing to install: the broker of
 * FleetBrokerTest (KRaft, one node, in this JVM) on localhost:9092 (its controller on the next port), with the four
 * topics of the default settings, three partitions each. Its data stays in target/local-kafka from one run to the
 * next, as the application's local state does (a new, empty broker would find that state ahead of its changelogs).
 * src/fleet/local-broker.sh builds and runs it, until Ctrl-C. Usage: LocalBroker [port] [partitions]
 */
public final class LocalBroker {

    private LocalBroker() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Path.of("target", "local-kafka").toAbsolutePath();
        var kafka = new InProcessKafka(dir, port, port + 1);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "local-broker-stop"));
        FleetSettings defaults = FleetSettings.defaults(kafka.bootstrap);
        var topics = new LinkedHashMap<String, Integer>();
        for (String t : new String[] {defaults.logsTopic(), defaults.eventsTopic(), defaults.outputTopic(), defaults.deadLetterTopic()}) {
            topics.put(t, partitions);
        }
        var created = kafka.createMissingTopics(topics);
        System.out.println("local-broker: Kafka on " + kafka.bootstrap + " (data in " + dir + "), topics " + String.join(", ", topics.keySet())
                + (created.isEmpty() ? " (there already)" : " (created " + String.join(", ", created) + ", " + partitions + " partitions each)")
                + "; Ctrl-C stops it");
        Thread.currentThread().join();
    }
}
