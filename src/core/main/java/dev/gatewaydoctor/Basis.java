package dev.gatewaydoctor;

/** What a diagnosis rests on. */
public enum Basis {
    /** Evidence moved at least one cause: causes and fixes are ranked by it. */
    EVIDENCE,
    /**
     * Nothing but the gateway status speaks for a cause: causes are ranked by how often real incidents
     * with that status had each (rules/base-rates.yaml). Always inconclusive.
     */
    STATUS_BASE_RATES,
    /** Nothing observed speaks for any cause: the fixes are the seed article's checklist, in its order. */
    SEED_CHECKLIST
}
