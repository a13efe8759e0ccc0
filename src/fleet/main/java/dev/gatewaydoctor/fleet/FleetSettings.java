package dev.gatewaydoctor.fleet;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every setting of fleet mode, read from a properties file (docs/fleet.md, "Settings"). {@link #DOCUMENTED} is the
 * one list of them: {@code --help} prints it and the file is checked against it, so that a misspelt key is an error
 * naming the file and the key rather than a default taken in silence.
 *
 * @param kafka settings passed to Kafka Streams as they are: {@code kafka.X=Y} in the file sets {@code X=Y}
 */
public record FleetSettings(String bootstrapServers, String applicationId, String logsTopic, String eventsTopic,
                            String outputTopic, String deadLetterTopic, Path rulesDir, Path stateDir, boolean memoryStores,
                            Duration bucket, Duration window, Duration baseline, Duration grace,
                            int onsetThreshold, double onsetFactor, Duration rediagnoseEvery, Duration quietToClose,
                            Duration eventsKept, ZoneId zone, boolean redact, boolean nextChecks, java.net.InetSocketAddress metrics,
                            Integer topicPartitions, Map<String, String> kafka) {

    /** A setting: its key, its default (null: required or none), and what it means. */
    public record Setting(String key, String defaultValue, String meaning) {
    }

    public static final List<Setting> DOCUMENTED = List.of(
            new Setting("bootstrap.servers", null, "the Kafka brokers, host:port[,host:port...] (required)"),
            new Setting("application.id", "gatewaydoctor-fleet", "the Kafka Streams application id: names the consumer group, "
                    + "the changelog and internal topics; instances with the same id share the work"),
            new Setting("topic.logs", "gatewaydoctor.logs", "input: log lines keyed by site id (JSON {site, source, line, at?}, "
                    + "or a raw line with headers site and source)"),
            new Setting("topic.events", "gatewaydoctor.events", "input: changes keyed by site id (JSON {site, kind, at, subject?}); "
                    + "as many partitions as the logs topic"),
            new Setting("topic.diagnoses", "gatewaydoctor.diagnoses", "output: diagnoses and closing records, keyed by site id"),
            new Setting("topic.dead-letters", "gatewaydoctor.dead-letters", "output: records that could not be read, with the reason"),
            new Setting("topics.partitions", null, "create the topics that are missing at start, with this many partitions each "
                    + "(replication: the brokers' default); unset: a missing topic stops the start"),
            new Setting("rules.dir", null, "a rules directory, watched and reloaded without a restart; unset: the rules bundled in the jar"),
            new Setting("state.dir", "./gatewaydoctor-fleet-state", "where the local state stores live (rebuilt from their changelogs when lost)"),
            new Setting("state.stores", "persistent", "persistent (RocksDB under state.dir) or memory; both are changelogged, "
                    + "memory ones are read back from their changelogs on every start"),
            new Setting("window.bucket", "PT1M", "the grain of the windowed stores, and how often incidents are looked at (stream time)"),
            new Setting("window.size", "PT10M", "the current window: failures in it are weighed against the baseline"),
            new Setting("window.baseline", "PT1H", "how long before the current window the site's own baseline is taken"),
            new Setting("window.grace", "PT10M", "how late (behind the newest line seen) a line may arrive and still count; later ones are dead letters"),
            new Setting("onset.threshold", "10", "the fewest gateway failures in the current window that open an incident"),
            new Setting("onset.factor", "3", "and how many times the site's baseline failures per window they must be"),
            new Setting("rediagnose.every", "PT15M", "while an incident is open, how often it is diagnosed again"),
            new Setting("close.after", "PT10M", "an incident closes when its failures over this long are back to the site's baseline "
                    + "(none at all, for a site that had none)"),
            new Setting("events.kept", "PT24H", "how long a site's changes are kept for its diagnoses"),
            new Setting("timezone", "UTC", "the zone of log stamps that carry none (nginx, PHP-FPM), for records that name none"),
            new Setting("next-checks", "true", "rank the checks most worth making next in each diagnosis (five times the cost of the "
                    + "diagnosis, docs/performance.md); false leaves nextChecks empty"),
            new Setting("redact", "true", "replace visitors' data (client IPs, e-mail addresses, cookies, tokens) in diagnoses"),
            new Setting("metrics.address", null, "host:port to serve /metrics (Prometheus text: counts, Kafka's metrics and lag) and "
                    + "/healthz on, e.g. 0.0.0.0:9464; unset: neither"),
            new Setting("kafka.*", null, "any Kafka Streams or client setting, passed as it is (kafka.num.stream.threads=2); "
                    + "processing.guarantee is exactly_once_v2 unless set here"));

    /** A setting that cannot be used: the message names the file and the key. */
    public static final class SettingsException extends Exception {
        public SettingsException(String message) {
            super(message);
        }
    }

    public FleetSettings {
        kafka = Map.copyOf(kafka);
    }

    /** Reads and checks a properties file. */
    public static FleetSettings load(Path file) throws SettingsException {
        var p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SettingsException(file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException(file + ": cannot be read: " + e.getMessage());
        }
        var values = new TreeMap<String, String>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).strip()));
        return of(file.toString(), values);
    }

    /** Checks settings given as a map ({@code where} names them in errors: the file). */
    public static FleetSettings of(String where, Map<String, String> given) throws SettingsException {
        var known = new java.util.HashSet<String>();
        DOCUMENTED.forEach(s -> known.add(s.key()));
        var unknown = new ArrayList<String>();
        var kafka = new LinkedHashMap<String, String>();
        for (var e : new TreeMap<>(given).entrySet()) {
            if (e.getKey().startsWith("kafka.") && e.getKey().length() > 6) kafka.put(e.getKey().substring(6), e.getValue());
            else if (!known.contains(e.getKey())) unknown.add(e.getKey());
        }
        if (!unknown.isEmpty()) {
            throw new SettingsException(where + ": unknown setting" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " (gatewaydoctor-fleet --help lists them; Kafka's own settings take the prefix kafka.)");
        }
        var r = new Reading(where, given);
        String servers = r.text("bootstrap.servers");
        if (servers == null) throw new SettingsException(where + ": bootstrap.servers is required (the Kafka brokers, host:port)");
        Duration bucket = r.duration("window.bucket");
        Duration window = r.duration("window.size");
        Duration baseline = r.duration("window.baseline");
        for (var d : List.of(Map.entry("window.size", window), Map.entry("window.baseline", baseline))) {
            if (d.getValue().toMillis() % bucket.toMillis() != 0) {
                throw new SettingsException(where + ": " + d.getKey() + " must be a whole number of window.bucket (" + bucket + ")");
            }
        }
        String rules = r.text("rules.dir");
        return new FleetSettings(servers, r.text("application.id"), r.text("topic.logs"), r.text("topic.events"),
                r.text("topic.diagnoses"), r.text("topic.dead-letters"), rules == null ? null : Path.of(rules),
                Path.of(r.text("state.dir")), r.choice("state.stores", "persistent", "memory").equals("memory"), bucket, window, baseline, r.duration("window.grace"),
                r.integer("onset.threshold"), r.positive("onset.factor"), r.duration("rediagnose.every"),
                r.duration("close.after"), r.duration("events.kept"), r.zone("timezone"), r.bool("redact"), r.bool("next-checks"), r.address("metrics.address"), r.text("topics.partitions") == null ? null : r.integer("topics.partitions"), kafka);
    }

    /** The defaults, with these brokers: for tests and the benchmark. */
    public static FleetSettings defaults(String bootstrapServers) {
        try {
            return of("defaults", Map.of("bootstrap.servers", bootstrapServers));
        } catch (SettingsException e) {
            throw new IllegalStateException("the defaults are valid", e);
        }
    }

    /** The same settings with others changed ({@code key=value} as in the file). */
    public FleetSettings with(Map<String, String> changes) throws SettingsException {
        var all = new TreeMap<String, String>(asMap());
        all.putAll(changes);
        return of("settings", all);
    }

    /** Every setting as the file would say it. */
    public Map<String, String> asMap() {
        var m = new TreeMap<String, String>();
        m.put("bootstrap.servers", bootstrapServers);
        m.put("application.id", applicationId);
        m.put("topic.logs", logsTopic);
        m.put("topic.events", eventsTopic);
        m.put("topic.diagnoses", outputTopic);
        m.put("topic.dead-letters", deadLetterTopic);
        if (rulesDir != null) m.put("rules.dir", rulesDir.toString());
        m.put("state.dir", stateDir.toString());
        m.put("state.stores", memoryStores ? "memory" : "persistent");
        m.put("window.bucket", bucket.toString());
        m.put("window.size", window.toString());
        m.put("window.baseline", baseline.toString());
        m.put("window.grace", grace.toString());
        m.put("onset.threshold", Integer.toString(onsetThreshold));
        m.put("onset.factor", Double.toString(onsetFactor));
        m.put("rediagnose.every", rediagnoseEvery.toString());
        m.put("close.after", quietToClose.toString());
        m.put("events.kept", eventsKept.toString());
        m.put("timezone", zone.getId());
        m.put("redact", Boolean.toString(redact));
        m.put("next-checks", Boolean.toString(nextChecks));
        if (metrics != null) m.put("metrics.address", metrics.getHostString() + ":" + metrics.getPort());
        if (topicPartitions != null) m.put("topics.partitions", topicPartitions.toString());
        kafka.forEach((k, v) -> m.put("kafka." + k, v));
        return m;
    }

    /** How long the windowed stores keep a site's buckets: the baseline, the current window and the grace for late lines. */
    public Duration retention() {
        return baseline.plus(window).plus(grace).plus(quietToClose);
    }

    private record Reading(String where, Map<String, String> given) {
        String text(String key) {
            String v = given.get(key);
            if (v == null || v.isBlank()) v = defaultOf(key);
            return v == null || v.isBlank() ? null : v;
        }

        private static String defaultOf(String key) {
            return DOCUMENTED.stream().filter(s -> s.key().equals(key)).findFirst().map(Setting::defaultValue).orElse(null);
        }

        Duration duration(String key) throws SettingsException {
            String v = text(key);
            try {
                Duration d = Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
                if (d.isNegative() || d.isZero()) throw new SettingsException(where + ": " + key + " must be positive, not " + v);
                if (d.toMillis() % 1000 != 0) throw new SettingsException(where + ": " + key + " must be whole seconds, not " + v);
                return d;
            } catch (java.time.format.DateTimeParseException e) {
                throw new SettingsException(where + ": " + key + " is not a duration: " + v + " (ISO-8601, e.g. PT10M, PT1H)");
            }
        }

        int integer(String key) throws SettingsException {
            String v = text(key);
            try {
                int n = Integer.parseInt(v);
                if (n < 1) throw new SettingsException(where + ": " + key + " must be 1 or more, not " + v);
                return n;
            } catch (NumberFormatException e) {
                throw new SettingsException(where + ": " + key + " is not a whole number: " + v);
            }
        }

        double positive(String key) throws SettingsException {
            String v = text(key);
            try {
                double d = Double.parseDouble(v);
                if (!(d > 0) || Double.isInfinite(d)) throw new SettingsException(where + ": " + key + " must be a positive number, not " + v);
                return d;
            } catch (NumberFormatException e) {
                throw new SettingsException(where + ": " + key + " is not a number: " + v);
            }
        }

        ZoneId zone(String key) throws SettingsException {
            String v = text(key);
            try {
                ZoneId z = ZoneId.of(v);
                return z.equals(ZoneId.of("UTC")) ? ZoneOffset.UTC : z;
            } catch (DateTimeException e) {
                throw new SettingsException(where + ": " + key + " is not a time zone: " + v + " (e.g. UTC, Europe/Berlin)");
            }
        }

        /** host:port ([::1]:9464 for IPv6), or null when unset. */
        java.net.InetSocketAddress address(String key) throws SettingsException {
            String v = text(key);
            if (v == null) return null;
            int colon = v.lastIndexOf(':');
            String host = colon > 0 ? v.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            try {
                int port = Integer.parseInt(v.substring(colon + 1));
                if (host.isEmpty() || port < 0 || port > 65535) throw new NumberFormatException();
                return new java.net.InetSocketAddress(host, port);
            } catch (NumberFormatException e) {
                throw new SettingsException(where + ": " + key + " is not host:port: " + v + " (e.g. 0.0.0.0:9464, 127.0.0.1:9464)");
            }
        }

        String choice(String key, String... allowed) throws SettingsException {
            String v = text(key);
            for (String a : allowed) if (a.equals(v)) return v;
            throw new SettingsException(where + ": " + key + " must be " + String.join(" or ", allowed) + ", not " + v);
        }

        boolean bool(String key) throws SettingsException {
            String v = text(key);
            if (v.equalsIgnoreCase("true")) return true;
            if (v.equalsIgnoreCase("false")) return false;
            throw new SettingsException(where + ": " + key + " must be true or false, not " + v);
        }
    }
}
