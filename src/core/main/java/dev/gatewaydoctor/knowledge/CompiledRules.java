package dev.gatewaydoctor.knowledge;

import org.kie.api.KieBase;

import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last few rule bases compiled in this process, by the content hash of their files. Undoing an edit
 * under {@code diagnose --watch} or a service's reload, and {@code rules check} then {@code replay} in one
 * process, bring back a version compiled seconds ago: compiling 300 rules again costs seconds and gives the
 * same base. A rule base holds no state of its own (each diagnosis opens its own session), so two
 * {@link Knowledge} values of the same version may share it. Soft references let memory pressure drop them.
 */
final class CompiledRules {

    private static final int KEPT = 4;

    private static final Map<String, SoftReference<KieBase>> BY_VERSION = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SoftReference<KieBase>> eldest) {
            return size() > KEPT;
        }
    };

    private CompiledRules() {
    }

    /** The base compiled from files of this version, or null when none is kept. */
    static synchronized KieBase get(String version) {
        SoftReference<KieBase> kept = BY_VERSION.get(version);
        KieBase base = kept == null ? null : kept.get();
        if (kept != null && base == null) BY_VERSION.remove(version);
        return base;
    }

    static synchronized void keep(String version, KieBase base) {
        BY_VERSION.put(version, new SoftReference<>(base));
    }
}
