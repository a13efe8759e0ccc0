package dev.gatewaydoctor.service;

import java.util.UUID;

/** Settings for tests: the defaults, with a case store of their own in memory (no file in the repository). */
final class TestService {

    private TestService() {
    }

    static ServiceSettings settings() {
        return ServiceSettings.defaults().withDatabase(memoryDatabase());
    }

    /** An H2 database in memory, alive until the test JVM ends. */
    static String memoryDatabase() {
        return "jdbc:h2:mem:cases-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
}
