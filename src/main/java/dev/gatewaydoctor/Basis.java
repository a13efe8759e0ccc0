package dev.gatewaydoctor;

/** What a diagnosis rests on. */
public enum Basis {
    /** Evidence moved at least one cause: causes and fixes are ranked by it. */
    EVIDENCE,
    /** Nothing observed speaks for any cause: the fixes are the seed article's checklist, in its order. */
    SEED_CHECKLIST
}
