package dev.gatewaydoctor;

import java.util.List;
import java.util.stream.Collectors;

/** The rules cannot be used: each problem names its file, line and column. */
public final class RulesException extends Exception {

    /** Where the rules came from. */
    private final String source;
    /** Each problem with its file, line and column. */
    private final List<RuleProblem> problems;

    /**
     * Rules that cannot be used.
     *
     * @param source   where they came from (a directory, or "bundled")
     * @param problems each problem with its file, line and column
     */
    public RulesException(String source, List<RuleProblem> problems) {
        super("rules in " + source + " are broken:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /**
     * Where the rules came from.
     *
     * @return a directory, or "bundled"
     */
    public String source() {
        return source;
    }

    /**
     * What is wrong with them.
     *
     * @return each problem with its file, line and column
     */
    public List<RuleProblem> problems() {
        return problems;
    }
}
