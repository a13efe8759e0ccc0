package dev.gatewaydoctor.engine;

/**
 * An address a log line names that falls in a named list of {@code rules/lists/} (such as
 * {@code cloudflare-ips}), for rules to match: {@code Listed(list == "cloudflare-ips", value == $host)}.
 */
public record Listed(String list, String value) {
}
