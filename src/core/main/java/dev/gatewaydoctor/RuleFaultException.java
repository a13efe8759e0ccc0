package dev.gatewaydoctor;

/**
 * A rule failed while diagnosing: it threw, or it kept firing past the limit. The diagnosis is
 * abandoned rather than returned half done; the message names the rule and its file.
 */
public final class RuleFaultException extends RuntimeException {

    /** The rule that failed, or null. */
    private final String rule;
    /** Its file, or null. */
    private final String file;

    /**
     * A rule that failed while diagnosing.
     *
     * @param rule    the rule's name, or null when unknown
     * @param file    its file in the rules directory, or null
     * @param message what happened, naming the rule and its file
     * @param cause   the rule engine's own exception, or null
     */
    public RuleFaultException(String rule, String file, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
        this.file = file;
    }

    /**
     * The rule that failed.
     *
     * @return its name, or null when unknown
     */
    public String rule() {
        return rule;
    }

    /**
     * The rule's file.
     *
     * @return its path in the rules directory ({@code causes/disk-full.drl}), or null
     */
    public String file() {
        return file;
    }
}
