package dev.gatewaydoctor;

/** One problem in the rules: the file (relative to the rules directory), 1-based line and column (0 when unknown). */
public record RuleProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}
