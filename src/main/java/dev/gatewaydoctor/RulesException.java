package dev.gatewaydoctor;

import java.util.List;
import java.util.stream.Collectors;

/** The rules cannot be used: each problem names its file, line and column. */
public final class RulesException extends Exception {

    private final String source;
    private final List<RuleProblem> problems;

    public RulesException(String source, List<RuleProblem> problems) {
        super("rules in " + source + " are broken:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
