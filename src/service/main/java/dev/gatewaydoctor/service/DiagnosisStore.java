package dev.gatewaydoctor.service;

import java.util.Optional;

/**
 * Where the service keeps its diagnoses. In memory for now ({@link MemoryDiagnosisStore}); a database store
 * implements the same interface to keep them across restarts and between instances (docs/service.md).
 */
public interface DiagnosisStore {

    /** Keeps the diagnosis, replacing the one with the same id. */
    void put(StoredDiagnosis diagnosis);

    /** The diagnosis with this id, if it is still kept. */
    Optional<StoredDiagnosis> find(String id);

    /** Forgets the diagnosis; false when it was not kept. */
    boolean remove(String id);

    /** How many are kept. */
    int size();
}
