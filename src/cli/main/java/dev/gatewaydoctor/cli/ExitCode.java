package dev.gatewaydoctor.cli;

/** The CLI's exit codes, as the README documents them. */
public final class ExitCode {
    /** Every input was diagnosed. */
    public static final int OK = 0;
    /** replay: some sample did not meet its expectation. */
    public static final int FAILED = 1;
    /** Some input could not be read or parsed (the others were still diagnosed), or the command line was wrong. */
    public static final int BAD_INPUT = 2;
    /** The rules could not be compiled, or a rule failed while diagnosing. */
    public static final int BAD_RULES = 3;

    private ExitCode() {
    }
}
