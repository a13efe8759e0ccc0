package dev.gatewaydoctor.service;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.Observation;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service's small parts on their own: the bounded store, the bounded body, the problem document. */
class UnitsTest {

    @Test
    void theMemoryStoreKeepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        var doctor = Diagnoser.withBundledRules();
        FactSet facts = FactSet.builder().fact(Observation.of("retry-succeeds", true)).build();
        var d = doctor.diagnose(facts);
        var store = new MemoryDiagnosisStore(2);
        store.put(new StoredDiagnosis("a", "x", facts, d, null, Instant.EPOCH));
        store.put(new StoredDiagnosis("b", "x", facts, d, null, Instant.EPOCH));
        assertThat(store.find("a")).isPresent();
        store.put(new StoredDiagnosis("c", "x", facts, d, null, Instant.EPOCH));
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.find("b")).as("least recently used").isEmpty();
        assertThat(store.find("a")).isPresent();
    }

    @Test
    void aBoundedBodyFailsWith413PastItsLimit() {
        var in = new BoundedBody(new ByteArrayInputStream(new byte[11]), 10);
        assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(413));
    }

    @Test
    void aProblemDocumentHasTheRfcMembersFirst() {
        var doc = new Problem(404, "not-found", "Not found", "no diagnosis x").document();
        assertThat(doc.keySet()).containsExactly("type", "title", "status", "detail");
        assertThat(doc.get("type")).isEqualTo(Problem.TYPES + "not-found");
    }
}
