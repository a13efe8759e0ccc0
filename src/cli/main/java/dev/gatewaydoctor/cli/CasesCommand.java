package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.service.CaseExport;
import dev.gatewaydoctor.service.CaseStore;
import dev.gatewaydoctor.service.ServiceSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The cases the service kept (docs/service.md). */
@Command(name = "cases", mixinStandardHelpOptions = true, description = "The cases the service kept, and their outcomes.",
        subcommands = {CasesCommand.Export.class})
final class CasesCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes every case with a recorded outcome as a fact-set file (case-ID.json), with expect (the confirmed",
                    "cause and fix) and provenance, ready for: replay --score DIR"},
            footer = {"", "Exit codes: 0 written, 2 bad arguments or a case store that cannot be opened."})
    static final class Export implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--confirmed", required = true, description = "the cases whose outcome was recorded (the only ones a replay can score)")
        boolean confirmed;

        @Parameters(index = "0", paramLabel = "DIR", description = "the directory to write into (created if missing)")
        Path dir;

        @Option(names = "--data", paramLabel = "DIR", description = "the service's data directory (default: ./gatewaydoctor-data)")
        Path dataDir = ServiceSettings.DEFAULT_DATA_DIR;

        @Option(names = "--database", paramLabel = "JDBC-URL", description = "the service's shared case store instead (as serve --database)")
        String database;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String url = CaseStore.url(database, dataDir);
            if (database == null && !java.nio.file.Files.exists(dataDir.resolve("cases.mv.db"))) {
                err.println("gatewaydoctor: cases export: no case store in " + dataDir + " (cases.mv.db): give the service's --data DIR or --database URL");
                return ExitCode.BAD_INPUT;
            }
            try (CaseStore store = CaseStore.open(url)) {
                var written = CaseExport.confirmed(store, dir);
                out.println(written.size() + " confirmed case(s) written to " + dir + (written.isEmpty() ? "" : "; score them: gatewaydoctor replay --score " + dir));
                return ExitCode.OK;
            } catch (CaseStore.CaseStoreException e) {
                err.println("gatewaydoctor: cases export: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            } catch (IOException e) {
                err.println("gatewaydoctor: cases export: cannot write " + dir + ": " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
        }
    }
}
