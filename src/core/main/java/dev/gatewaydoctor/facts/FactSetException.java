package dev.gatewaydoctor.facts;

/**
 * A fact-set document that cannot be used, rejected whole. The message names the file, the place
 * (JSON pointer, line and column) and what was expected there.
 */
public final class FactSetException extends Exception {

    private final String file;
    private final String pointer;
    private final int line;
    private final int column;
    private final String problem;

    public FactSetException(String file, String pointer, int line, int column, String problem) {
        super(format(file, pointer, line, column, problem));
        this.file = file;
        this.pointer = pointer;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String file, String pointer, int line, int column, String problem) {
        var sb = new StringBuilder(file);
        if (line > 0) sb.append(':').append(line).append(':').append(column);
        sb.append(": ");
        if (pointer != null) sb.append("at ").append(pointer.isEmpty() ? "/" : pointer).append(": ");
        return sb.append(problem).toString();
    }

    public String file() {
        return file;
    }

    /** The JSON pointer of the offending value ("" for the document), or null when the text is not JSON at all. */
    public String pointer() {
        return pointer;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
