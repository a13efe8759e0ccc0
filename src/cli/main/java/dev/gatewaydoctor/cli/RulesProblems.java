package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.RulesException;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Prints rule problems as editors and terminals link them: path:line:column: message. */
final class RulesProblems {

    private RulesProblems() {
    }

    static void print(PrintWriter err, RulesException e) {
        err.println("gatewaydoctor: the rules in " + e.source() + " cannot be used:");
        for (RuleProblem p : e.problems()) err.println("  " + located(e.source(), p, "error"));
    }

    /** The problem with its file given from the current directory, so that a click or a copy opens it. */
    static String located(String source, RuleProblem p, String severity) {
        String file = "bundled".equals(source) || p.file().equals(source) ? p.file() : Path.of(source).resolve(p.file()).toString();
        return file + (p.line() > 0 ? ":" + p.line() + (p.column() > 0 ? ":" + p.column() : "") : "") + ": " + severity + ": " + CliWords.of(p.message());
    }
}
