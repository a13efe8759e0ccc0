package dev.gatewaydoctor.engine;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.knowledge.Knowledge;

/**
 * Internal: how the project's own tools (the CLI, replay, the rules document, tests) reach the
 * knowledge behind a {@link Diagnoser}, which the API does not show, and make a Diagnoser of knowledge
 * they compiled. Diagnoser installs the bridge when its class is initialised (the pattern of the JDK's
 * shared secrets), so the API stays free of internal types.
 */
public final class DiagnoserAccess {

    /** What Diagnoser lends its own tools. */
    public interface Bridge {
        Knowledge knowledge(Diagnoser doctor);

        Diagnoser of(Knowledge knowledge);
    }

    private static volatile Bridge bridge;

    private DiagnoserAccess() {
    }

    /** Called once, by Diagnoser. */
    public static void install(Bridge b) {
        if (bridge != null) throw new IllegalStateException("the Diagnoser bridge is installed already");
        bridge = b;
    }

    /** The causes, fixes, checks and compiled rules a Diagnoser uses now. */
    public static Knowledge knowledge(Diagnoser doctor) {
        return bridge().knowledge(doctor);
    }

    /** A Diagnoser of knowledge already compiled (by KnowledgeLoader). */
    public static Diagnoser of(Knowledge knowledge) {
        return bridge().of(knowledge);
    }

    private static Bridge bridge() {
        if (bridge == null) {
            try {
                Class.forName(Diagnoser.class.getName(), true, Diagnoser.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return bridge;
    }
}
