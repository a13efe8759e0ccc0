package dev.gatewaydoctor.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every case store does, on H2 and on PostgreSQL alike. */
abstract class CaseStoreContract {

    /** A store of its own for one test, migrated. */
    abstract CaseStore open();

    private static CaseStore.Case aCase(String id, Instant created, StoredDiagnosis.Outcome outcome) {
        return new CaseStore.Case(id, "request body", created, created, "abc123", "php-fpm-down",
                "{\"factset\": 1, \"facts\": [{\"type\": \"http\", \"status\": 502}]}\n", "{\"id\": \"" + id + "\", \"causes\": []}", outcome);
    }

    @Test
    void aCaseIsKeptReplacedAndDeleted() {
        try (CaseStore store = open()) {
            String id = UUID.randomUUID().toString();
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            store.save(aCase(id, at, null));
            assertThat(store.find(id)).get().satisfies(c -> {
                assertThat(c.createdAt()).isEqualTo(at);
                assertThat(c.topCause()).isEqualTo("php-fpm-down");
                assertThat(c.facts()).contains("\"status\": 502");
                assertThat(c.outcome()).isNull();
            });
            var outcome = new StoredDiagnosis.Outcome("restart-php-fpm", "php-fpm-down", "a note with 'quotes' and ünïcode", at.plusSeconds(60));
            store.save(aCase(id, at, outcome));
            assertThat(store.count()).isEqualTo(1);
            assertThat(store.find(id)).get().extracting(CaseStore.Case::outcome).isEqualTo(outcome);
            assertThat(store.delete(id)).isTrue();
            assertThat(store.delete(id)).isFalse();
            assertThat(store.find(id)).isEmpty();
        }
    }

    @Test
    void onlyCasesWithAnOutcomeAreConfirmedAndOldOnesGoByRetention() {
        try (CaseStore store = open()) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            var outcome = new StoredDiagnosis.Outcome("free-disk-space", "disk-full", null, now);
            store.save(aCase("old-confirmed", now.minus(100, ChronoUnit.DAYS), outcome));
            store.save(aCase("new-confirmed", now.minus(1, ChronoUnit.DAYS), outcome));
            store.save(aCase("new-open", now, null));
            assertThat(store.confirmed()).extracting(CaseStore.Case::id).containsExactly("old-confirmed", "new-confirmed");
            assertThat(store.deleteCreatedBefore(now.minus(90, ChronoUnit.DAYS))).isEqualTo(1);
            assertThat(store.confirmed()).extracting(CaseStore.Case::id).containsExactly("new-confirmed");
            assertThat(store.count()).isEqualTo(2);
        }
    }
}
