package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.RulesReload;

import java.io.PrintWriter;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntSupplier;

/**
 * {@code diagnose --watch}: after the first diagnosis, each reload of the watched rules prints the
 * diagnosis again under the new version, and each broken edit prints its problems while the last good
 * rules keep serving. An expert sees an edit go live without writing any Java.
 */
final class DiagnoseWatch {

    private final Diagnoser doctor;
    private final BlockingQueue<RulesReload> reloads;
    private final Integer limit;
    private final boolean json;
    private final PrintWriter out;
    private final PrintWriter err;
    private final IntSupplier again;

    /**
     * @param reloads what the Diagnoser's watcher reports, in order
     * @param limit   the reloads to follow before ending, or null to follow them until the process ends
     * @param again   diagnoses the inputs again with the rules now served; gives that round's exit code
     */
    DiagnoseWatch(Diagnoser doctor, BlockingQueue<RulesReload> reloads, Integer limit, boolean json,
                  PrintWriter out, PrintWriter err, IntSupplier again) {
        this.doctor = doctor;
        this.reloads = reloads;
        this.limit = limit;
        this.json = json;
        this.out = out;
        this.err = err;
        this.again = again;
    }

    /** Follows the reloads; the exit code is the last round's (3 when the last edit was refused). */
    int follow(int firstCode) {
        int code = firstCode;
        for (int n = 0; limit == null || n < limit; n++) {
            RulesReload reload;
            try {
                reload = reloads.take();
            } catch (InterruptedException e) {
                // Ended from outside (a test's timeout, an embedding tool): the last answer printed stands.
                Thread.currentThread().interrupt();
                return code;
            }
            code = reload.applied() ? reloaded(reload) : refused(reload);
            out.flush();
            err.flush();
        }
        return code;
    }

    private int reloaded(RulesReload reload) {
        String header = "rules reloaded: " + doctor.rulesSource() + " (version " + reload.version() + ")";
        if (json) {
            // Standard output stays JSON Lines; each line names its rules version anyway.
            err.println(header);
        } else {
            out.println();
            out.println("=== " + header + " ===");
            out.println();
        }
        reload.problems().forEach(w -> err.println(RulesProblems.located(doctor.rulesSource(), w, "warning")));
        return again.getAsInt();
    }

    private int refused(RulesReload reload) {
        for (RuleProblem p : reload.problems()) err.println(RulesProblems.located(doctor.rulesSource(), p, "error"));
        int n = reload.problems().size();
        err.println(n + (n == 1 ? " error" : " errors") + " in " + doctor.rulesSource() + ": the edit is refused; the last good rules (version "
                + doctor.rulesVersion() + ") keep serving");
        return ExitCode.BAD_RULES;
    }
}
