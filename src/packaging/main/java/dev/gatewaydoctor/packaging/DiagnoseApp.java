package dev.gatewaydoctor.packaging;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.engine.DiagnoserAccess;

import java.nio.file.Path;

/**
 * The smallest service on the library: diagnoses the fact-set file given as argument with the bundled
 * rules and prints, one a line, {@code cause=<top cause id>} and {@code rules=<source> <version> <precompiled|drl>};
 * exit code 0. On any failure it prints {@code error=<the exception's class>: <its message>} and exits 1,
 * so that the packaging ITs see what a service's log would show.
 */
public final class DiagnoseApp {

    private DiagnoseApp() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.out.println("error=usage: DiagnoseApp FACT-SET.json");
            System.exit(1);
        }
        try {
            Diagnoser doctor = Diagnoser.withBundledRules();
            Diagnosis d = doctor.diagnose(Path.of(args[0]));
            // Whether the rules came from the precompiled model is internal (the CLI prints it on stderr the same way).
            boolean precompiled = DiagnoserAccess.knowledge(doctor).precompiled();
            System.out.println("cause=" + (d.topCause() == null ? "none" : d.topCause().id()));
            System.out.println("rules=" + doctor.rulesSource() + " " + doctor.rulesVersion() + " " + (precompiled ? "precompiled" : "drl"));
            System.out.println("loader=" + Diagnoser.class.getClassLoader().getClass().getName());
            System.exit(0);
        } catch (Exception | LinkageError e) {
            System.out.println("error=" + e.getClass().getName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
