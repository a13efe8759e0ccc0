package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.RulesException;

import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** The program: {@code gatewaydoctor-fleet --config fleet.properties} (docs/fleet.md). */
@Command(name = "gatewaydoctor-fleet", mixinStandardHelpOptions = true, version = "gatewaydoctor-fleet 0.1.0",
        description = {"Diagnoses every site's 502s as incidents open, from the logs a fleet ships to Kafka (docs/fleet.md).",
                "Runs until stopped (Ctrl-C, SIGTERM); instances with the same application.id share the sites."},
        subcommands = {FleetTools.Feed.class, FleetTools.Tail.class},
        footerHeading = "%nSettings (the properties file; key, default, meaning):%n")
public final class FleetMain implements Callable<Integer> {

    /** Exit codes, as the CLI's: 0 stopped cleanly, 1 Kafka failed, 2 bad settings, command line or topics, 3 bad rules. */
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int BAD_RULES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(FleetMain.class);

    @Option(names = "--config", paramLabel = "FILE", description = "the settings (a properties file; see below); required to run")
    Path config;

    @Option(names = "--check", description = "read the settings and compile the rules, then exit (0: ready to start)")
    boolean check;

    private PrintWriter out;
    private PrintWriter err;

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    public static void main(String[] args) {
        var out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        var err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs the program with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        var main = new FleetMain();
        main.out = out;
        main.err = err;
        var cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        cli.getCommandSpec().usageMessage().footer(settingsHelp());
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("gatewaydoctor-fleet: " + e.getMessage());
            err.println("Try 'gatewaydoctor-fleet --help'.");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A bug of ours, not the user's input: one line, no stack trace.
            err.println("gatewaydoctor-fleet: internal error: " + e);
            return FAILED;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Every setting with its default and meaning, for --help: the one list the file is checked against. */
    static String[] settingsHelp() {
        var lines = new java.util.ArrayList<String>();
        for (var s : FleetSettings.DOCUMENTED) {
            lines.add(String.format("  %-20s %s", s.key(), s.defaultValue() == null ? "" : "(" + s.defaultValue() + ")"));
            lines.add("      " + s.meaning());
        }
        lines.add("");
        lines.add("Durations are ISO-8601 (PT1M, PT10M, PT1H). Exit codes: 0 stopped, 1 Kafka failed (brokers not reached, Streams stopped),"
                + " 2 bad settings or topics, 3 bad rules.");
        return lines.toArray(String[]::new);
    }

    @Override
    public Integer call() {
        if (config == null) {
            err.println("gatewaydoctor-fleet: Missing required option: '--config=FILE'");
            err.println("Try 'gatewaydoctor-fleet --help'.");
            return BAD_INPUT;
        }
        FleetSettings settings;
        try {
            settings = FleetSettings.load(config);
        } catch (FleetSettings.SettingsException e) {
            err.println("gatewaydoctor-fleet: " + e.getMessage());
            return BAD_INPUT;
        }
        Diagnoser doctor;
        try {
            doctor = settings.rulesDir() == null ? Diagnoser.withBundledRules()
                    : Diagnoser.watching(settings.rulesDir(), reload -> {
                        if (reload.applied()) LOG.info("rules reloaded: version {}", reload.version());
                        else LOG.warn("rules changed but do not compile; version {} keeps serving: {}", reload.version(), reload.problems());
                    });
        } catch (RulesException e) {
            printProblems(err, e);
            return BAD_RULES;
        }
        err.println("gatewaydoctor-fleet: rules " + doctor.rulesSource() + " (version " + doctor.rulesVersion() + ")"
                + (settings.rulesDir() == null ? "" : ", watched"));
        if (check) {
            err.println("gatewaydoctor-fleet: settings and rules are ready; application " + settings.applicationId() + " reads "
                    + settings.logsTopic() + " and " + settings.eventsTopic() + " from " + settings.bootstrapServers());
            doctor.close();
            return OK;
        }
        return runStreams(settings, doctor);
    }

    /**
     * The four topics exist (created first, with {@code topics.partitions} each, when that is set), and the events topic
     * has as many partitions as the logs topic: Kafka Streams would stop on a missing source topic with an error of its
     * own, and would run, wrongly, on topics that are not co-partitioned (a site's changes in another task than its lines).
     */
    static int checkTopics(FleetSettings settings, PrintWriter err) {
        var names = java.util.List.of(settings.logsTopic(), settings.eventsTopic(), settings.outputTopic(), settings.deadLetterTopic());
        try (var admin = org.apache.kafka.clients.admin.Admin.create(FleetTools.client(settings))) {
            var partitions = new java.util.HashMap<String, Integer>();
            var missing = new java.util.ArrayList<String>();
            describe(admin, names, partitions, missing);
            if (!missing.isEmpty() && settings.topicPartitions() != null) {
                // Replication as the brokers' default.replication.factor says; another instance starting at the same
                // time may have made some already.
                var made = admin.createTopics(missing.stream().map(t -> new org.apache.kafka.clients.admin.NewTopic(t,
                        java.util.Optional.of(settings.topicPartitions()), java.util.Optional.empty())).toList());
                for (var e : made.values().entrySet()) {
                    try {
                        e.getValue().get(30, java.util.concurrent.TimeUnit.SECONDS);
                        err.println("gatewaydoctor-fleet: created topic " + e.getKey() + " with " + settings.topicPartitions() + " partitions");
                    } catch (java.util.concurrent.ExecutionException x) {
                        if (!(x.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) throw x;
                    }
                }
                partitions.clear();
                missing.clear();
                describe(admin, names, partitions, missing);
            }
            if (!missing.isEmpty()) {
                java.util.Collections.sort(missing);
                err.println("gatewaydoctor-fleet: no topic " + String.join(", ", missing) + " on " + settings.bootstrapServers()
                        + ": create " + (missing.size() > 1 ? "them" : "it") + " first, or set topics.partitions (docs/fleet.md, \"Running it\")");
                return BAD_INPUT;
            }
            int logs = partitions.get(settings.logsTopic());
            int events = partitions.get(settings.eventsTopic());
            if (logs != events) {
                err.println("gatewaydoctor-fleet: " + settings.eventsTopic() + " has " + events + " partitions and " + settings.logsTopic() + " "
                        + logs + ": they must have as many, so that a site's changes and lines meet in one task");
                return BAD_INPUT;
            }
            return OK;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            err.println("gatewaydoctor-fleet: cannot read the topics on " + settings.bootstrapServers() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : "no answer in 30 s"));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    private static void describe(org.apache.kafka.clients.admin.Admin admin, java.util.List<String> names, java.util.Map<String, Integer> partitions,
                                 java.util.List<String> missing) throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException,
            InterruptedException {
        for (var e : admin.describeTopics(names).topicNameValues().entrySet()) {
            try {
                partitions.put(e.getKey(), e.getValue().get(30, java.util.concurrent.TimeUnit.SECONDS).partitions().size());
            } catch (java.util.concurrent.ExecutionException x) {
                if (!(x.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) throw x;
                missing.add(e.getKey());
            }
        }
    }

    /** Each problem on a line of its own, file:line:column first, as the CLI's rules check prints them. */
    static void printProblems(PrintWriter err, RulesException e) {
        err.println("gatewaydoctor-fleet: the rules in " + e.source() + " cannot be used:");
        for (RuleProblem p : e.problems()) {
            err.println("  " + p.file() + (p.line() > 0 ? ":" + p.line() + (p.column() > 0 ? ":" + p.column() : "") : "") + ": error: " + p.message());
        }
    }

    private int runStreams(FleetSettings settings, Diagnoser doctor) {
        int topics = checkTopics(settings, err);
        if (topics != OK) {
            doctor.close();
            return topics;
        }
        var failure = new AtomicReference<Throwable>();
        var stopped = new CountDownLatch(1);
        var metrics = new FleetMetrics();
        var streams = new KafkaStreams(FleetTopology.build(settings, doctor, metrics), FleetTopology.streamsConfig(settings));
        com.sun.net.httpserver.HttpServer served;
        try {
            served = settings.metrics() == null ? null : metrics.serve(settings.metrics(), streams::metrics, () -> new FleetMetrics.State(
                    streams.state().name(), streams.state() == KafkaStreams.State.RUNNING || streams.state() == KafkaStreams.State.REBALANCING));
        } catch (java.io.IOException e) {
            err.println("gatewaydoctor-fleet: metrics.address " + settings.metrics() + " cannot be served: " + e.getMessage());
            streams.close();
            doctor.close();
            return BAD_INPUT;
        }
        streams.setUncaughtExceptionHandler(e -> {
            // Bad records never get here (they are dead letters); what does is Kafka's or a bug: stop, and say why.
            failure.set(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            LOG.info("state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) stopped.countDown();
        });
        // Stopped (a deploy, a scale-down): leave the group, so that the others take the sites at once rather than after
        // the session times out.
        var leave = CloseOptions.timeout(java.time.Duration.ofSeconds(30)).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean closed = streams.close(leave);
            if (served != null) served.stop(0);
            doctor.close();
            // Said before the hook ends, so that it is written before the JVM stops (a state listener's line may not be).
            err.println("gatewaydoctor-fleet: stopped" + (closed ? ", Kafka Streams closed" : ": Kafka Streams did not close within 30 s"));
            stopped.countDown();
        }, "gatewaydoctor-fleet-stop"));
        streams.start();
        err.println("gatewaydoctor-fleet: started " + settings.applicationId() + " on " + settings.bootstrapServers() + ": "
                + settings.logsTopic() + ", " + settings.eventsTopic() + " -> " + settings.outputTopic() + " (dead letters: "
                + settings.deadLetterTopic() + ")" + (served == null ? "" : "; metrics on http://" + settings.metrics().getHostString()
                + ":" + served.getAddress().getPort() + "/metrics"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.close(leave);
        if (served != null) served.stop(0);
        doctor.close();
        if (failure.get() != null) {
            err.println("gatewaydoctor-fleet: Kafka Streams stopped: " + failure.get());
            return FAILED;
        }
        return OK;
    }
}
