package dev.gatewaydoctor.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of every case the service diagnosed and of what really fixed it: an H2 file under the data
 * directory by default, PostgreSQL for a team (docs/service.md). Its schema is migrated by Flyway when it
 * opens; the service keeps its live sessions in memory and writes each change of a case here.
 */
public final class CaseStore implements AutoCloseable {

    /**
     * One case as kept.
     *
     * @param id           the id the client was given
     * @param label        what the input was
     * @param createdAt    when it was first diagnosed
     * @param updatedAt    when it last changed (an answer, an outcome)
     * @param rulesVersion the version of the rules of its latest diagnosis
     * @param topCause     the first cause of its latest diagnosis, or null
     * @param facts        its facts, a fact-set document (redacted as shown)
     * @param diagnosis    its latest diagnosis, the JSON the client was shown
     * @param outcome      what really fixed it, or null
     */
    public record Case(String id, String label, Instant createdAt, Instant updatedAt, String rulesVersion, String topCause,
                       String facts, String diagnosis, StoredDiagnosis.Outcome outcome) {
        public Case {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(diagnosis, "diagnosis");
        }

        /** Its kept facts, read back; the service wrote them with FactSetWriter, so a refusal is a damaged store. */
        public dev.gatewaydoctor.facts.FactSet factSet() {
            try {
                return new dev.gatewaydoctor.facts.FactSetReader().read("case " + id, facts.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (dev.gatewaydoctor.facts.FactSetException e) {
                throw new IllegalStateException("case " + id + " holds facts the reader refuses: " + e.getMessage(), e);
            }
        }
    }

    private final HikariDataSource pool;
    private final String where;

    private CaseStore(HikariDataSource pool, String where) {
        this.pool = pool;
        this.where = where;
    }

    /** The store's JDBC URL: the one given, else the H2 file in the data directory. */
    public static String url(String database, Path dataDir) {
        return database != null ? database : h2Url(dataDir);
    }

    /** The JDBC URL of the default store: an H2 file, {@code cases.mv.db}, in the data directory. */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("cases").toString().replace('\\', '/');
    }

    /**
     * Opens the store at the URL and brings its schema up to date.
     *
     * @throws CaseStoreException when the database cannot be reached or migrated; the message says which and why
     */
    public static CaseStore open(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        String where = shown(jdbcUrl);
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(8);
        config.setPoolName("gatewaydoctor-cases");
        // A database that cannot be reached is told at start, after one attempt, not after the pool's default 30 s.
        config.setConnectionTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new CaseStoreException("cannot open the case store " + where + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure(CaseStore.class.getClassLoader()).dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new CaseStoreException("cannot migrate the case store " + where + ": " + rootMessage(e), e);
        }
        return new CaseStore(pool, where);
    }

    /** Where the store is, without a password. */
    public String where() {
        return where;
    }

    /** Keeps the case, replacing the one with its id. */
    public void save(Case c) {
        try (Connection db = pool.getConnection()) {
            try (PreparedStatement up = db.prepareStatement("UPDATE cases SET label = ?, updated_at = ?, rules_version = ?, top_cause = ?, "
                    + "facts = ?, diagnosis = ?, outcome_fix = ?, outcome_cause = ?, outcome_note = ?, outcome_at = ? WHERE id = ?")) {
                int i = fill(up, 1, c);
                up.setString(i, c.id());
                if (up.executeUpdate() > 0) return;
            }
            try (PreparedStatement in = db.prepareStatement("INSERT INTO cases (label, updated_at, rules_version, top_cause, facts, diagnosis, "
                    + "outcome_fix, outcome_cause, outcome_note, outcome_at, id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = fill(in, 1, c);
                in.setString(i++, c.id());
                in.setTimestamp(i, Timestamp.from(c.createdAt()));
                in.executeUpdate();
            }
        } catch (SQLException e) {
            throw failed("keep case " + c.id(), e);
        }
    }

    private static int fill(PreparedStatement s, int i, Case c) throws SQLException {
        s.setString(i++, c.label());
        s.setTimestamp(i++, Timestamp.from(c.updatedAt()));
        s.setString(i++, c.rulesVersion());
        s.setString(i++, c.topCause());
        s.setString(i++, c.facts());
        s.setString(i++, c.diagnosis());
        StoredDiagnosis.Outcome o = c.outcome();
        s.setString(i++, o == null ? null : o.fix());
        s.setString(i++, o == null ? null : o.cause());
        s.setString(i++, o == null ? null : o.note());
        if (o == null) s.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
        else s.setTimestamp(i++, Timestamp.from(o.at()));
        return i;
    }

    /** The case with this id, if kept. */
    public Optional<Case> find(String id) {
        try (Connection db = pool.getConnection();
             PreparedStatement q = db.prepareStatement("SELECT * FROM cases WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("read case " + id, e);
        }
    }

    /** Forgets the case; false when there was none. */
    public boolean delete(String id) {
        try (Connection db = pool.getConnection();
             PreparedStatement d = db.prepareStatement("DELETE FROM cases WHERE id = ?")) {
            d.setString(1, id);
            return d.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failed("delete case " + id, e);
        }
    }

    /** Forgets every case first diagnosed before the cutoff; how many went. */
    public int deleteCreatedBefore(Instant cutoff) {
        try (Connection db = pool.getConnection();
             PreparedStatement d = db.prepareStatement("DELETE FROM cases WHERE created_at < ?")) {
            d.setTimestamp(1, Timestamp.from(cutoff));
            return d.executeUpdate();
        } catch (SQLException e) {
            throw failed("delete old cases", e);
        }
    }

    /** The cases with a recorded outcome, oldest first: the ones a replay can learn from. */
    public List<Case> confirmed() {
        try (Connection db = pool.getConnection();
             PreparedStatement q = db.prepareStatement("SELECT * FROM cases WHERE outcome_at IS NOT NULL ORDER BY created_at, id");
             ResultSet r = q.executeQuery()) {
            var out = new ArrayList<Case>();
            while (r.next()) out.add(read(r));
            return out;
        } catch (SQLException e) {
            throw failed("list confirmed cases", e);
        }
    }

    /** How many cases are kept. */
    public long count() {
        try (Connection db = pool.getConnection();
             PreparedStatement q = db.prepareStatement("SELECT COUNT(*) FROM cases");
             ResultSet r = q.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw failed("count cases", e);
        }
    }

    private static Case read(ResultSet r) throws SQLException {
        Timestamp outcomeAt = r.getTimestamp("outcome_at");
        StoredDiagnosis.Outcome outcome = outcomeAt == null ? null
                : new StoredDiagnosis.Outcome(r.getString("outcome_fix"), r.getString("outcome_cause"), r.getString("outcome_note"), outcomeAt.toInstant());
        return new Case(r.getString("id"), r.getString("label"), r.getTimestamp("created_at").toInstant(), r.getTimestamp("updated_at").toInstant(),
                r.getString("rules_version"), r.getString("top_cause"), r.getString("facts"), r.getString("diagnosis"), outcome);
    }

    private CaseStoreException failed(String doing, SQLException e) {
        return new CaseStoreException("the case store " + where + " could not " + doing + ": " + e.getMessage(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.strip();
    }

    /** The URL without a password given in it. */
    static String shown(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The store failed: the message says which store, what it was doing and the database's words. */
    public static final class CaseStoreException extends RuntimeException {
        CaseStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
