package dev.gatewaydoctor.service;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.facts.FactSet;

import java.time.Instant;
import java.util.Objects;

/**
 * A diagnosis the service answered, kept so that answers to its next checks and its outcome can follow.
 *
 * @param id        the unguessable id the client was given
 * @param label     what the input was ("request body", "combined input"), the {@code file} of the JSON
 * @param facts     the facts diagnosed, answers included
 * @param diagnosis the latest diagnosis of them, unredacted (redaction happens when it is shown)
 * @param outcome   what really fixed it, once reported, else null
 * @param at        when it was first diagnosed
 */
public record StoredDiagnosis(String id, String label, FactSet facts, Diagnosis diagnosis, Outcome outcome, Instant at) {

    public StoredDiagnosis {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(diagnosis, "diagnosis");
    }

    /**
     * What really fixed the incident, as the support person reported it.
     *
     * @param fix   the fix id that worked, or null
     * @param cause the cause id it really was, or null
     * @param note  free text, or null
     * @param at    when it was reported
     */
    public record Outcome(String fix, String cause, String note, Instant at) {
    }

    StoredDiagnosis withFacts(FactSet more, Diagnosis again) {
        return new StoredDiagnosis(id, label, more, again, outcome, at);
    }

    StoredDiagnosis withOutcome(Outcome o) {
        return new StoredDiagnosis(id, label, facts, diagnosis, o, at);
    }
}
