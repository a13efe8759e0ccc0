package dev.gatewaydoctor.fleet;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real Kafka broker in this JVM: KRaft in combined mode (one node, broker and controller), formatted as
 * kafka-storage.sh formats it, on free local ports. No Docker needed; the transaction log is replicated once, so that
 * exactly-once processing works on one node.
 */
final class InProcessKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    final String bootstrap;

    /** On free ports: the tests'. */
    InProcessKafka(Path dir) throws Exception {
        this(dir, freePort(), freePort());
    }

    InProcessKafka(Path dir, int brokerPort, int controllerPort) throws Exception {
        bootstrap = "localhost:" + brokerPort;
        var p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "2");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "2");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        try (var w = Files.newBufferedWriter(config)) {
            p.store(w, "in-process broker of FleetBrokerTest");
        }
        var out = new ByteArrayOutputStream();
        int formatted = kafka.tools.StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
                        // LocalBroker starts again on the data of its last run.
                        "--ignore-formatted"},
                new PrintStream(out, true));
        if (formatted != 0) throw new IllegalStateException("kafka-storage format failed: " + out);
        server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
        server.startup();
    }

    /** Creates those of the topics that do not exist yet; returns their names. */
    java.util.Set<String> createMissingTopics(Map<String, Integer> partitions) throws Exception {
        try (Admin admin = admin()) {
            var missing = new java.util.TreeSet<>(partitions.keySet());
            missing.removeAll(admin.listTopics().names().get());
            admin.createTopics(missing.stream().map(t -> new NewTopic(t, partitions.get(t), (short) 1)).toList()).all().get();
            return missing;
        }
    }

    void createTopics(Map<String, Integer> partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(partitions.entrySet().stream().map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList())
                    .all().get();
        }
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

}
