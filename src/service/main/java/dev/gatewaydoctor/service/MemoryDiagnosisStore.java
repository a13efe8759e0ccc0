package dev.gatewaydoctor.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Diagnoses in memory, at most {@code capacity}: past it the least recently used goes, so that a busy
 * service holds a bounded heap. Lost at a restart (docs/service.md).
 */
public final class MemoryDiagnosisStore implements DiagnosisStore {

    private final Map<String, StoredDiagnosis> kept;

    public MemoryDiagnosisStore(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity + ": expected 1 or more");
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StoredDiagnosis> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized void put(StoredDiagnosis diagnosis) {
        kept.put(diagnosis.id(), diagnosis);
    }

    @Override
    public synchronized Optional<StoredDiagnosis> find(String id) {
        return Optional.ofNullable(kept.get(id));
    }

    @Override
    public synchronized boolean remove(String id) {
        return kept.remove(id) != null;
    }

    @Override
    public synchronized int size() {
        return kept.size();
    }
}
