package dev.gatewaydoctor.facts;

/**
 * A fact-set document that cannot be used, rejected whole. The message names the file, the place
 * (JSON pointer, line and column) and what was expected there.
 */
public final class FactSetException extends Exception {

    /** The file as given. */
    private final String file;
    /** The JSON pointer of the offending value, or null. */
    private final String pointer;
    /** 1-based line, or 0. */
    private final int line;
    /** 1-based column, or 0. */
    private final int column;
    /** What was expected, or what went wrong. */
    private final String problem;

    /**
     * A document refused whole.
     *
     * @param file    the file as given (or what stands for it: "standard input")
     * @param pointer the JSON pointer of the offending value ("" for the document), or null when the text is no JSON
     * @param line    1-based line, or 0 when unknown
     * @param column  1-based column, or 0 when unknown
     * @param problem what was expected there
     */
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

    /**
     * The file.
     *
     * @return the file as given
     */
    public String file() {
        return file;
    }

    /**
     * Where in the document.
     *
     * @return the JSON pointer of the offending value ("" for the document), or null when the text is not JSON at all
     */
    public String pointer() {
        return pointer;
    }

    /**
     * The line.
     *
     * @return 1-based line, or 0 when unknown
     */
    public int line() {
        return line;
    }

    /**
     * The column.
     *
     * @return 1-based column, or 0 when unknown
     */
    public int column() {
        return column;
    }

    /**
     * What was wrong, without the place.
     *
     * @return what was expected there
     */
    public String problem() {
        return problem;
    }
}
