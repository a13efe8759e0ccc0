package dev.gatewaydoctor;

/**
 * Rules are code: a DRL consequence can run any Java. So a rules directory that users other than its
 * owner may write to is refused, unless the caller says {@link #ALLOW} (docs/security.md).
 */
public enum WritableRules {
    /** Refuse a rules directory, or a file in it, that every user may write to, or that another user owns. */
    REFUSE,
    /** Load it all the same (a container where every file is shared, a test). */
    ALLOW
}
