package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.RulesException;
import dev.gatewaydoctor.service.DiagnosisServer;
import dev.gatewaydoctor.service.ServiceSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the diagnosis service over HTTP until stopped (docs/service.md).",
                "Binds to 127.0.0.1 unless --bind says otherwise; bound elsewhere it needs a bearer token."},
        footer = {"", "Exit codes: 0 stopped, 2 bad settings (no token where one is needed), 3 bad rules."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "the address to listen on (default: 127.0.0.1); "
            + "anything but loopback needs --token-file or " + ServiceSettings.TOKEN_ENVIRONMENT)
    String bind = ServiceSettings.LOOPBACK;

    @Option(names = "--port", paramLabel = "PORT", description = "the port (default: " + ServiceSettings.DEFAULT_PORT + ")")
    int port = ServiceSettings.DEFAULT_PORT;

    @Option(names = "--rules", paramLabel = "DIR", description = "a rules directory, watched: edits go live without a restart "
            + "(default: the rules bundled in the jar)")
    Path rulesDir;

    @Mixin
    RulesChoice.WritableOption writableRules;

    @Option(names = "--token-file", paramLabel = "FILE", description = "a file holding the bearer token every request must carry "
            + "(else the environment variable " + ServiceSettings.TOKEN_ENVIRONMENT + ")")
    Path tokenFile;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "the largest request body accepted (default: 20 MB); past it, 413")
    long maxBody = ServiceSettings.DEFAULT_MAX_BODY_BYTES;

    @Option(names = "--rate-limit", paramLabel = "N", description = "requests a minute per client address on /api/ (default: "
            + ServiceSettings.DEFAULT_REQUESTS_PER_MINUTE + "); past it, 429")
    int rateLimit = ServiceSettings.DEFAULT_REQUESTS_PER_MINUTE;

    @Option(names = "--keep", paramLabel = "N", description = "diagnoses kept in memory for answers and outcomes (default: "
            + ServiceSettings.DEFAULT_STORE_CAPACITY + ")")
    int keep = ServiceSettings.DEFAULT_STORE_CAPACITY;

    @Option(names = "--no-redact", description = "keep visitors' data in the answers (client IPs, e-mail addresses, cookies, tokens, "
            + "database users); by default they are replaced by placeholders")
    boolean noRedact;

    @Option(names = "--data", paramLabel = "DIR", description = "where the case store lives, an H2 file created on first start "
            + "(default: ./gatewaydoctor-data)")
    Path dataDir = ServiceSettings.DEFAULT_DATA_DIR;

    @Option(names = "--database", paramLabel = "JDBC-URL", description = "a shared case store instead, e.g. "
            + "jdbc:postgresql://HOST/DB?user=U&password=P (its schema is created and migrated on start)")
    String database;

    @Option(names = "--retention-days", paramLabel = "DAYS", description = "days a case is kept after it was diagnosed "
            + "(default: 90; 0 keeps cases for ever)")
    int retentionDays = (int) ServiceSettings.DEFAULT_RETENTION.toDays();

    /** The environment, replaceable by tests. */
    Function<String, String> environment = System::getenv;

    /** Ends the service in tests; in use, Ctrl-C (the JVM's shutdown) does. */
    CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ServiceSettings settings;
        try {
            if (retentionDays < 0) throw new IllegalArgumentException("--retention-days " + retentionDays + ": expected 0 (for ever) or more");
            settings = new ServiceSettings(bind, port, rulesDir, token(), maxBody, rateLimit, keep, !noRedact, database, dataDir,
                    retentionDays == 0 ? null : java.time.Duration.ofDays(retentionDays));
        } catch (IllegalArgumentException | IOException e) {
            err.println("gatewaydoctor: serve: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        String refusal = settings.refusal();
        if (refusal != null) {
            err.println("gatewaydoctor: serve: " + refusal);
            return ExitCode.BAD_INPUT;
        }
        DiagnosisServer server;
        try {
            server = DiagnosisServer.start(settings, writableRules.writable(), line -> {
                err.println(line);
                err.flush();
            });
        } catch (RulesException e) {
            RulesProblems.print(err, e);
            return ExitCode.BAD_RULES;
        } catch (dev.gatewaydoctor.service.CaseStore.CaseStoreException e) {
            err.println("gatewaydoctor: serve: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (RuntimeException e) {
            err.println("gatewaydoctor: serve: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        RulesChoice.announce(err, server.doctor());
        err.println("serving on http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + server.port() + "/ ("
                + (settings.token() == null ? "no token" : "bearer token required") + (settings.rulesDir() == null ? "" : ", watching "
                + settings.rulesDir() + " for rule edits") + "; cases kept in " + server.cases() + "; Ctrl-C stops)");
        err.flush();
        // Ctrl-C or SIGTERM: the hook lets the serving thread stop the server, and waits for it before the JVM exits.
        var closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gatewaydoctor-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is stopping: the hook has run, nothing to remove.
            }
        }
        return ExitCode.OK;
    }

    /** --token-file, else the environment variable, else none; a token is one line, its blanks around it dropped. */
    private String token() throws IOException {
        String t = tokenFile != null ? Files.readString(tokenFile, StandardCharsets.UTF_8) : environment.apply(ServiceSettings.TOKEN_ENVIRONMENT);
        if (t == null) return null;
        if (t.isBlank()) throw new IllegalArgumentException((tokenFile != null ? tokenFile : ServiceSettings.TOKEN_ENVIRONMENT) + ": the token is empty");
        return t.strip();
    }
}
