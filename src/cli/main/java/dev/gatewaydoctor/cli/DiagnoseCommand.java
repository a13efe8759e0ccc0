package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.IncidentBuilder;
import dev.gatewaydoctor.NextCheck;
import dev.gatewaydoctor.RuleFaultException;
import dev.gatewaydoctor.RulesException;
import dev.gatewaydoctor.RulesReload;
import dev.gatewaydoctor.TicketLine;
import dev.gatewaydoctor.WhyNot;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetException;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.privacy.Redactor;
import dev.gatewaydoctor.report.JsonReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Diagnoses fact-set JSON files: ranked causes with their evidence, ranked fixes with their steps.",
                "With --log, --headers or --har, everything given (those and any fact-set files) makes one diagnosis:",
                "  gatewaydoctor diagnose --log nginx-error=/var/log/nginx/error.log.2.gz --headers curl.txt",
                "Rules: --rules DIR, else ./rules when present, else the rules bundled in the jar."},
        footer = {"", "Exit codes: 0 all diagnosed, 2 bad input (fact-set files alone: the other files are still diagnosed;",
                "together with logs: nothing is diagnosed), 3 bad rules (with --watch: the last round's)."})
final class DiagnoseCommand implements Callable<Integer> {

    /** --interactive stops asking at this confidence. */
    static final double CONFIDENT = 0.9;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "fact-set JSON files (format: factset v1); - reads standard input")
    List<Path> files = new ArrayList<>();

    @Option(names = "--log", paramLabel = "SOURCE=PATH", description = {"a whole log, read once and kept in bounded memory; gzipped is fine;",
            "SOURCE is nginx-error, php-fpm, apache-error, ... (the spec's list) or auto; - reads standard input"})
    List<String> logs = new ArrayList<>();

    @Option(names = "--headers", paramLabel = "PATH", description = "a curl -i / curl -sSIL / curl -v transcript (redirects followed are read too)")
    List<Path> headers = new ArrayList<>();

    @Option(names = "--har", paramLabel = "PATH", description = "a browser's HAR export")
    List<Path> hars = new ArrayList<>();

    @Option(names = "--text", paramLabel = "PATH", description = {"a support ticket or chat as pasted (prose, quoted e-mail, log lines,",
            "curl blocks, an error page's text); - reads standard input"})
    List<Path> texts = new ArrayList<>();

    @Option(names = "--explain-input", description = "show what each line of a --text ticket became, and which lines were ignored")
    boolean explainInput;

    @Option(names = "--interactive", description = "ask the most useful next check, add the answer, diagnose again, until one cause is confident")
    boolean interactive;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "the zone the server's logs write local times in "
            + "(Europe/Berlin, +02:00); without it, times without a zone are read as UTC")
    String timezone;

    @Option(names = "--since", paramLabel = "TIME", description = "keep log lines from this time on (2024-03-01T10:00:00Z, or with an offset)")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "keep log lines up to this time")
    String until;

    @Option(names = "--json", description = "print one JSON object per file, one per line (JSON Lines)")
    boolean json;

    @Option(names = "--rules", paramLabel = "DIR", description = "the rules directory to use")
    Path rulesDir;

    @Mixin
    RulesChoice.WritableOption writableRules;

    @Option(names = "--watch", description = {"after the diagnosis, watch the rules directory (--rules DIR, else ./rules) and diagnose",
            "the files again each time it reloads, under the new version; a broken edit prints its problems and the last",
            "good rules keep serving. Ends with Ctrl-C (or after --watch-reloads), with the last round's exit code"})
    boolean watch;

    @Option(names = "--watch-reloads", paramLabel = "N", description = "with --watch, end after N reloads, good or broken")
    Integer watchReloads;

    @Option(names = "--no-redact", description = "keep visitors' data in the output (client IPs, e-mail addresses, cookies, tokens, "
            + "database users); by default they are replaced by placeholders")
    boolean noRedact;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (watch || watchReloads != null) return watch(out, err);
        Diagnoser doctor = RulesChoice.openOrReport(rulesDir, writableRules.writable(), err);
        if (doctor == null) return ExitCode.BAD_RULES;
        RulesChoice.announce(err, doctor);
        if (!validTimezone(err)) return ExitCode.BAD_INPUT;

        if (!logs.isEmpty() || !headers.isEmpty() || !hars.isEmpty() || !texts.isEmpty() || interactive) return combined(doctor, out, err);
        if (files.isEmpty()) {
            err.println("gatewaydoctor: nothing to diagnose: give fact-set files, or --log, --headers, --har");
            return ExitCode.BAD_INPUT;
        }
        return diagnoseFiles(doctor, out, err);
    }

    private boolean validTimezone(PrintWriter err) {
        if (timezone == null) return true;
        try {
            java.time.ZoneId.of(timezone);
            return true;
        } catch (java.time.DateTimeException e) {
            err.println("gatewaydoctor: --timezone " + timezone + ": expected a time zone such as Europe/Berlin or +02:00");
            return false;
        }
    }

    /** --watch: the fact-set files diagnosed, then again at each reload of the rules directory. */
    private int watch(PrintWriter out, PrintWriter err) {
        String misuse = watchMisuse();
        if (misuse != null) {
            err.println("gatewaydoctor: " + misuse);
            return ExitCode.BAD_INPUT;
        }
        if (!validTimezone(err)) return ExitCode.BAD_INPUT;
        var reloads = new java.util.concurrent.LinkedBlockingQueue<RulesReload>();
        Diagnoser doctor;
        try {
            doctor = Diagnoser.watching(RulesChoice.directory(rulesDir), writableRules.writable(), reloads::add);
        } catch (RulesException e) {
            RulesProblems.print(err, e);
            return ExitCode.BAD_RULES;
        }
        try (doctor) {
            RulesChoice.announce(err, doctor);
            err.println("watching " + doctor.rulesSource() + " for changes" + (watchReloads == null ? " (Ctrl-C ends)" : ""));
            int first = diagnoseFiles(doctor, out, err);
            return new DiagnoseWatch(doctor, reloads, watchReloads, json, out, err, () -> diagnoseFiles(doctor, out, err)).follow(first);
        }
    }

    /** Why --watch cannot run as asked, or null. */
    private String watchMisuse() {
        if (!watch) return "--watch-reloads goes with --watch";
        if (watchReloads != null && watchReloads < 1) return "--watch-reloads " + watchReloads + ": expected 1 or more";
        if (RulesChoice.directory(rulesDir) == null) {
            return "--watch needs a rules directory to watch: --rules DIR (the rules bundled in the jar never change)";
        }
        if (!logs.isEmpty() || !headers.isEmpty() || !hars.isEmpty() || !texts.isEmpty() || interactive) {
            return "--watch diagnoses fact-set files again at each reload: give FILE... without --log, --headers, --har or --interactive";
        }
        if (files.isEmpty()) return "nothing to diagnose: --watch needs fact-set files";
        if (files.stream().anyMatch(f -> f.toString().equals("-"))) {
            return "--watch reads its fact-set files again at each reload, and standard input (-) can be read once only";
        }
        return null;
    }

    /** Each fact-set file, diagnosed on its own; the exit code of the worst. */
    private int diagnoseFiles(Diagnoser doctor, PrintWriter out, PrintWriter err) {
        var reader = new FactSetReader();
        int exit = ExitCode.OK;
        for (Path file : files) {
            try {
                FactSet facts = read(reader, file);
                if (timezone != null && facts.site().timezone() == null) {
                    facts = facts.withSite(facts.site().withTimezone(timezone));
                }
                report(out, file.toString(), doctor, facts);
            } catch (FactSetException e) {
                exit = Math.max(exit, ExitCode.BAD_INPUT);
                report(out, err, file, doctor, e.getMessage());
            } catch (java.io.IOException e) {
                exit = Math.max(exit, ExitCode.BAD_INPUT);
                report(out, err, file, doctor, "standard input: cannot read: " + e.getMessage());
            } catch (RuleFaultException e) {
                exit = ExitCode.BAD_RULES;
                report(out, err, file, doctor, e.getMessage());
            }
            out.flush();
        }
        return exit;
    }

    /** Logs, transcripts, HAR files and fact sets together: one incident, one diagnosis; any bad input, no diagnosis. */
    private int combined(Diagnoser doctor, PrintWriter out, PrintWriter err) {
        Instant from;
        Instant to;
        java.time.ZoneId zone = timezone == null ? null : java.time.ZoneId.of(timezone); // checked in call()
        try {
            from = time("--since", since);
            to = time("--until", until);
        } catch (IllegalArgumentException e) {
            err.println("gatewaydoctor: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        long stdin = files.stream().filter(f -> f.toString().equals("-")).count() + headers.stream().filter(f -> f.toString().equals("-")).count()
                + hars.stream().filter(f -> f.toString().equals("-")).count() + logs.stream().filter(l -> l.endsWith("=-") || l.equals("-")).count()
                + texts.stream().filter(f -> f.toString().equals("-")).count();
        if (stdin > 1) {
            err.println("gatewaydoctor: standard input (-) can be read once only");
            return ExitCode.BAD_INPUT;
        }
        IncidentBuilder incident = doctor.incident();
        if (zone != null) incident.timezone(zone);
        incident.window(from, to);
        try {
            for (Path f : files) {
                incident.factSet(f.toString(), read(new FactSetReader(), f));
            }
            for (String spec : logs) {
                int eq = spec.indexOf('=');
                String source = eq < 0 ? IncidentBuilder.AUTO : spec.substring(0, eq);
                String path = eq < 0 ? spec : spec.substring(eq + 1);
                try {
                    if (path.equals("-")) {
                        incident.log(source, "standard input", System.in);
                    } else {
                        Path file = Path.of(path);
                        if (!Files.isRegularFile(file)) throw new java.nio.file.NoSuchFileException(path);
                        try (var bar = ProgressBar.forFile(err, file)) {
                            incident.log(source, file, bar::bytesRead);
                        }
                    }
                } catch (IllegalArgumentException e) {
                    err.println("gatewaydoctor: --log " + spec + ": " + e.getMessage());
                    return ExitCode.BAD_INPUT;
                }
            }
            for (Path h : headers) {
                if (h.toString().equals("-")) incident.curl("-", new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
                else incident.curl(h);
            }
            for (Path h : hars) {
                if (h.toString().equals("-")) incident.har("-", System.in);
                else incident.har(h);
            }
            for (Path t : texts) {
                String text = t.toString().equals("-") ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        : Files.readString(t, java.nio.charset.StandardCharsets.UTF_8);
                incident.ticket(t.toString(), text, lines -> {
                    if (explainInput) explain(json ? err : out, t.toString(), lines);
                });
            }
        } catch (FactSetException e) {
            err.println("gatewaydoctor: " + e.getMessage() + " (nothing diagnosed: the inputs make one diagnosis together)");
            return ExitCode.BAD_INPUT;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("gatewaydoctor: " + e.getFile() + ": no such file (nothing diagnosed)");
            return ExitCode.BAD_INPUT;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            err.println("gatewaydoctor: " + e.getMessage() + " (nothing diagnosed)");
            return ExitCode.BAD_INPUT;
        }
        FactSet facts = incident.build();
        if (facts.name() == null) facts = new FactSet("", facts.site(), facts.facts(), null, facts.warnings()); // as before: no input, no name
        try {
            if (interactive) return interactive(doctor, facts, out);
            report(out, "combined input", doctor, facts);
            return ExitCode.OK;
        } catch (RuleFaultException e) {
            err.println("gatewaydoctor: " + e.getMessage());
            return ExitCode.BAD_RULES;
        }
    }

    /** What each line of a ticket became, and the lines that gave nothing. */
    private static void explain(PrintWriter to, String name, List<TicketLine> lines) {
        to.println("Read from " + name + ":");
        for (var line : lines) {
            String text = line.text().length() > 100 ? line.text().substring(0, 97) + "..." : line.text();
            to.println(String.format(java.util.Locale.ROOT, "  %4d  %s", line.number(), text));
            to.println("        -> " + (line.ignored() ? "ignored" : String.join("; ", line.became())));
        }
        to.println();
    }

    /** One diagnosis with what to check next and why not the others; visitors' data redacted unless --no-redact. */
    private Diagnosis report(PrintWriter out, String label, Diagnoser doctor, FactSet facts) {
        Diagnosis d = doctor.diagnose(facts);
        List<NextCheck> checks = doctor.nextChecks(facts, d);
        Diagnosis shown = noRedact ? d : Redactor.redact(d);
        List<WhyNot> whyNot = doctor.whyNot(shown);
        if (json) out.println(JsonReport.line(label, shown, checks, whyNot, CliWords::of));
        else TextReport.print(out, label, shown, checks, whyNot);
        out.flush();
        return d;
    }

    /**
     * Asks the best next check, adds the answer, diagnoses again: until one cause is confident, no useful
     * question is left, or the person stops (quit, or the end of standard input).
     */
    private int interactive(Diagnoser doctor, FactSet facts, PrintWriter out) {
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        var skipped = new java.util.HashSet<String>();
        FactSet current = facts;
        while (true) {
            Diagnosis d = report(out, "interactive", doctor, current);
            if (d.topCause() != null && d.topCause().confidence() >= CONFIDENT) {
                out.println("Confident: " + d.topCause().title() + " [" + d.topCause().id() + "].");
                return ExitCode.OK;
            }
            NextCheck next = doctor.nextChecks(current, d).stream().filter(c -> !skipped.contains(c.observation())).findFirst().orElse(null);
            if (next == null) {
                out.println("No question left whose answer would change the ranking.");
                return ExitCode.OK;
            }
            if (next.answerKind().equals("log")) {
                FactSet withLog = askForLog(doctor, in, out, next, current);
                if (withLog == null) {
                    skipped.add(next.observation());
                } else if (withLog == current) {
                    out.println();
                    out.println("Stopped: the last diagnosis above stands.");
                    return ExitCode.OK;
                } else {
                    current = withLog;
                }
                continue;
            }
            while (true) {
                out.println("? " + next.question() + "  [" + next.observation() + "]");
                next.howTo().forEach(h -> out.println("  how: " + h));
                out.print(next.answerKind().equals("yes-no") ? "  answer yes, no, skip or quit: " : "  answer a number, skip or quit: ");
                out.flush();
                String line = readLine(in);
                if (line == null || line.strip().equalsIgnoreCase("quit") || line.strip().equalsIgnoreCase("q")) {
                    out.println();
                    out.println("Stopped: the last diagnosis above stands.");
                    return ExitCode.OK;
                }
                if (line.strip().equalsIgnoreCase("skip") || line.strip().equalsIgnoreCase("s")) {
                    skipped.add(next.observation());
                    break;
                }
                try {
                    current = next.answer(current, line);
                    out.println();
                    break;
                } catch (IllegalArgumentException e) {
                    out.println("  " + e.getMessage());
                }
            }
        }
    }

    /** The next line a person typed, or null at the end of input (an unreadable input ends it too). */
    private static String readLine(java.io.BufferedReader in) {
        try {
            return in.readLine();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * Asks for the log the first check names: a path is read whole (as --log auto=PATH), "skip" goes on
     * without it (null), "quit" or the end of input stops (the same fact set back).
     */
    private static FactSet askForLog(Diagnoser doctor, java.io.BufferedReader in, PrintWriter out, NextCheck next, FactSet current) {
        while (true) {
            out.println("? " + next.question() + "  [" + next.observation() + "]");
            next.howTo().forEach(h -> out.println("  how: " + h));
            out.print("  the log file's path, skip or quit: ");
            out.flush();
            String line = readLine(in);
            if (line == null || line.strip().equalsIgnoreCase("quit") || line.strip().equalsIgnoreCase("q")) return current;
            if (line.strip().equalsIgnoreCase("skip") || line.strip().equalsIgnoreCase("s")) return null;
            try {
                FactSet log = doctor.incident().log(IncidentBuilder.AUTO, Path.of(line.strip())).build();
                log.warnings().forEach(w -> out.println("  " + w));
                // The log's lines join the record; its request rates do not (a log asked for mid-way has no onset to compare with).
                List<LogLine> lines = log.facts().stream().filter(LogLine.class::isInstance).map(LogLine.class::cast).toList();
                out.println("  read " + lines.size() + " kinds of line from " + line.strip());
                out.println();
                FactSet more = current;
                for (LogLine l : lines) more = more.with(l);
                return more;
            } catch (java.io.IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
                out.println("  cannot read " + line.strip() + ": " + e.getMessage());
            }
        }
    }

    /** A fact-set file, or standard input for "-". */
    private static FactSet read(FactSetReader reader, Path file) throws FactSetException, java.io.IOException {
        return file.toString().equals("-") ? reader.read("standard input", System.in.readAllBytes()) : reader.read(file);
    }

    private static Instant time(String option, String text) {
        if (text == null) return null;
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException again) {
                throw new IllegalArgumentException(option + " " + text + ": expected a time such as 2024-03-01T10:00:00Z (no zone: UTC)");
            }
        }
    }

    private void report(PrintWriter out, PrintWriter err, Path file, Diagnoser doctor, String message) {
        err.println("gatewaydoctor: " + message);
        if (json) out.println(JsonReport.error(file.toString(), doctor, message));
    }
}
