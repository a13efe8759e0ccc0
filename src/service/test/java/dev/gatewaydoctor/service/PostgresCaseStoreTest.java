package dev.gatewaydoctor.service;

import org.junit.jupiter.api.Tag;

import java.sql.DriverManager;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team's store: PostgreSQL, at the JDBC URL in the system property {@code gatewaydoctor.test.postgres}. Tagged
 * {@code postgres}: the default build leaves it out, and CI runs it against Debian's PostgreSQL (.ci/run).
 * Each test gets a schema of its own, so runs do not see each other's cases.
 */
@Tag("postgres")
class PostgresCaseStoreTest extends CaseStoreContract {

    @Override
    CaseStore open() {
        String url = System.getProperty("gatewaydoctor.test.postgres");
        assertThat(url).as("the system property gatewaydoctor.test.postgres: a JDBC URL of a PostgreSQL database").isNotBlank();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (var db = DriverManager.getConnection(url); var s = db.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (java.sql.SQLException e) {
            throw new AssertionError("cannot reach PostgreSQL at " + CaseStore.shown(url) + ": " + e.getMessage(), e);
        }
        return CaseStore.open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }
}
