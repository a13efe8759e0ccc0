package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.RulesException;

import java.util.List;

/**
 * The service files Drools 10 starts from. A jar repackaged without them (a shaded jar that dropped or
 * overwrote {@code META-INF/services}) makes Drools fail deep inside with a NullPointerException or an
 * ExceptionInInitializerError; checked first, the library says which file is missing and what mends it.
 */
final class DroolsServices {

    /** Each one missing was seen to stop Drools: no KieServices at all, a NullPointerException, an ExceptionInInitializerError. */
    static final List<String> REQUIRED = List.of(
            "org.kie.api.KieServices",
            "org.drools.wiring.api.ComponentsSupplier",
            "org.drools.core.reteoo.RuntimeComponentFactory");

    private DroolsServices() {
    }

    /** The required service files the class loader does not find, as {@code META-INF/services/NAME}. */
    static List<String> missing(ClassLoader loader) {
        return REQUIRED.stream().map(s -> "META-INF/services/" + s).filter(r -> loader.getResource(r) == null).toList();
    }

    /** Throws when Drools cannot start from this class loader, naming the missing files. */
    static void check(String source, ClassLoader loader) throws RulesException {
        List<String> missing = missing(loader);
        if (missing.isEmpty()) return;
        throw new RulesException(source, List.of(new RuleProblem(source, 0, 0,
                "Drools could not start: the class path lacks " + String.join(", ", missing)
                        + " (a repackaged jar must keep and merge META-INF/services: with the shade plugin, its ServicesResourceTransformer)")));
    }
}
