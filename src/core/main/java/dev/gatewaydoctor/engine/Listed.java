package dev.gatewaydoctor.engine;

/**
 * A name or address that falls in a named list of {@code rules/lists/} (an address a log line names in
 * {@code cloudflare-ips}, what an event names in {@code first-setups}), for rules to match:
 * {@code Listed(list == "cloudflare-ips", value == $host)}.
 */
public record Listed(String list, String value) {

    /** How a reader sees it among a rule's evidence: the list that holds the value, by its file. */
    public String describe() {
        return "\"" + value + "\" is in rules/lists/" + list + ".yaml";
    }
}
