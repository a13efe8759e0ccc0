package dev.gatewaydoctor.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the service runs. Safe by default: bound to the loopback address, bodies and request rates limited,
 * visitors' data redacted (docs/service.md, docs/security.md).
 *
 * @param bind            the address to listen on; anything but a loopback address needs a token
 * @param port            the port; 0 picks a free one (tests)
 * @param rulesDir        a rules directory to watch (edits go live), or null for the rules bundled in the jar
 * @param token           the bearer token every request but the probes must carry, or null for none
 * @param maxBodyBytes    the largest request body accepted; past it, 413
 * @param requestsPerMinute per client address, on /api/; past it, 429
 * @param storeCapacity   how many diagnoses are kept in memory (the oldest go first)
 * @param redact          replace visitors' data in answers, as the CLI does unless --no-redact
 * @param database        the JDBC URL of the case store (PostgreSQL for a team), or null for an H2 file in dataDir
 * @param dataDir         where the default case store lives (created on first start)
 * @param retention       how long a case is kept after it was first diagnosed, or null for ever
 */
public record ServiceSettings(String bind, int port, Path rulesDir, String token, long maxBodyBytes, int requestsPerMinute,
                              int storeCapacity, boolean redact, String database, Path dataDir, java.time.Duration retention) {

    public static final String LOOPBACK = "127.0.0.1";
    /** Where {@code serve} finds the bearer token when no --token-file is given. */
    public static final String TOKEN_ENVIRONMENT = "GATEWAYDOCTOR_TOKEN";
    public static final int DEFAULT_PORT = 8717;
    /** 20 MB: a few rotated, gzipped logs of a day, a HAR export and a ticket fit; a runaway upload does not. */
    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 60;
    public static final int DEFAULT_STORE_CAPACITY = 10_000;
    /** The data directory when none is given: beside where the service starts. */
    public static final Path DEFAULT_DATA_DIR = Path.of("gatewaydoctor-data");
    /** Cases are support tickets' data: kept 90 days unless told otherwise. */
    public static final java.time.Duration DEFAULT_RETENTION = java.time.Duration.ofDays(90);

    public ServiceSettings {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + ": expected 0 to 65535");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maximum body size " + maxBodyBytes + ": expected 1 byte or more");
        if (requestsPerMinute < 1) throw new IllegalArgumentException("rate limit " + requestsPerMinute + ": expected 1 request a minute or more");
        if (storeCapacity < 1) throw new IllegalArgumentException("store capacity " + storeCapacity + ": expected 1 or more");
        if (token != null && token.isBlank()) throw new IllegalArgumentException("the bearer token is empty");
        Objects.requireNonNull(dataDir, "dataDir");
        if (database != null && !database.startsWith("jdbc:")) {
            throw new IllegalArgumentException("database " + database + ": expected a JDBC URL such as jdbc:postgresql://HOST/DB?user=U&password=P");
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("retention " + retention + ": expected a positive duration");
        }
    }

    /** The JDBC URL of the case store in use. */
    public String databaseUrl() {
        return CaseStore.url(database, dataDir);
    }

    /** The defaults: loopback, the default port, the bundled rules, no token, redaction on. */
    public static ServiceSettings defaults() {
        return new ServiceSettings(LOOPBACK, DEFAULT_PORT, null, null, DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUESTS_PER_MINUTE,
                DEFAULT_STORE_CAPACITY, true, null,
                DEFAULT_DATA_DIR, DEFAULT_RETENTION);
    }

    public ServiceSettings withBind(String b) {
        return new ServiceSettings(b, port, rulesDir, token, maxBodyBytes, requestsPerMinute, storeCapacity, redact, database, dataDir, retention);
    }

    public ServiceSettings withPort(int p) {
        return new ServiceSettings(bind, p, rulesDir, token, maxBodyBytes, requestsPerMinute, storeCapacity, redact, database, dataDir, retention);
    }

    public ServiceSettings withRules(Path dir) {
        return new ServiceSettings(bind, port, dir, token, maxBodyBytes, requestsPerMinute, storeCapacity, redact, database, dataDir, retention);
    }

    public ServiceSettings withToken(String t) {
        return new ServiceSettings(bind, port, rulesDir, t, maxBodyBytes, requestsPerMinute, storeCapacity, redact, database, dataDir, retention);
    }

    public ServiceSettings withMaxBodyBytes(long max) {
        return new ServiceSettings(bind, port, rulesDir, token, max, requestsPerMinute, storeCapacity, redact, database, dataDir, retention);
    }

    public ServiceSettings withRequestsPerMinute(int rate) {
        return new ServiceSettings(bind, port, rulesDir, token, maxBodyBytes, rate, storeCapacity, redact, database, dataDir, retention);
    }

    public ServiceSettings withStoreCapacity(int capacity) {
        return new ServiceSettings(bind, port, rulesDir, token, maxBodyBytes, requestsPerMinute, capacity, redact, database, dataDir, retention);
    }

    public ServiceSettings withRedact(boolean r) {
        return new ServiceSettings(bind, port, rulesDir, token, maxBodyBytes, requestsPerMinute, storeCapacity, r, database, dataDir, retention);
    }

    public ServiceSettings withDatabase(String url) {
        return new ServiceSettings(bind, port, rulesDir, token, maxBodyBytes, requestsPerMinute, storeCapacity, redact, url, dataDir, retention);
    }

    public ServiceSettings withDataDir(Path dir) {
        return new ServiceSettings(bind, port, rulesDir, token, maxBodyBytes, requestsPerMinute, storeCapacity, redact, database, dir, retention);
    }

    public ServiceSettings withRetention(java.time.Duration keep) {
        return new ServiceSettings(bind, port, rulesDir, token, maxBodyBytes, requestsPerMinute, storeCapacity, redact, database, dataDir, keep);
    }

    /**
     * Why the service must not start so, or null. Bound beyond the loopback address, anyone who reaches the
     * port could read every diagnosis (customers' logs): that needs a token.
     */
    public String refusal() {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return "--bind " + bind + ": no such address";
        }
        if (!loopback && token == null) {
            return "bound to " + bind + " the service is reachable from other machines and needs a bearer token: "
                    + "--token-file FILE or the environment variable " + TOKEN_ENVIRONMENT + "; refusing to start without one";
        }
        return null;
    }
}
