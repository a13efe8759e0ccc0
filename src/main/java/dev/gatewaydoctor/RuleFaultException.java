package dev.gatewaydoctor;

/**
 * A rule failed while diagnosing: it threw, or it kept firing past the limit. The diagnosis is
 * abandoned rather than returned half done; the message names the rule and its file.
 */
public final class RuleFaultException extends RuntimeException {

    private final String rule;
    private final String file;

    public RuleFaultException(String rule, String file, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
        this.file = file;
    }

    public String rule() {
        return rule;
    }

    public String file() {
        return file;
    }
}
