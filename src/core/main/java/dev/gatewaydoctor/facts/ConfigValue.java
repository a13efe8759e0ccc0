package dev.gatewaydoctor.facts;

import dev.gatewaydoctor.text.Numbers;
import dev.gatewaydoctor.text.UpstreamAddress;

import java.time.Instant;

/**
 * One setting as found in a file. {@code value} is as written ("128M", "5", "unix:/run/php/php8.2-fpm.sock");
 * {@code bytes} and {@code number} are what it means, when it is a size or a number, so that rules can
 * compare ({@code ConfigValue(name == "php.memory_limit", bytes < 67108864)}).
 */
public record ConfigValue(String name, String value, Instant at, Long bytes, Double number) implements Fact {

    /** A Docker port mapping, [IP:]HOST:CONTAINER[/tcp|udp]: group 1 without its protocol. */
    private static final java.util.regex.Pattern PORT_MAPPING =
            java.util.regex.Pattern.compile("((?:\\d{1,3}(?:\\.\\d{1,3}){3}:)?\\d{1,5}:\\d{1,5})(?:/(?:tcp|udp))?");

    /**
     * A setting, with its size or number read from the text.
     *
     * @param name  the setting's name ({@code php.memory_limit})
     * @param value as written ("128M")
     * @param at    when it was seen, or null
     * @return the config value
     */
    public static ConfigValue of(String name, String value, Instant at) {
        return new ConfigValue(name, value, at, Numbers.parseSize(value), Numbers.parseNumber(value));
    }

    /**
     * The value as a time in seconds, for a timeout ("60s", "5m", "300"), so that rules can compare it with
     * how long a failing request ran.
     *
     * @return the seconds, or null when the value is no time
     */
    public Double seconds() {
        return Numbers.parseSeconds(value);
    }

    /**
     * The value as an upstream address in one form ({@code unix:/run/php/php8.2-fpm.sock}, {@code 127.0.0.1:9000}),
     * so that {@code nginx.fastcgi_pass} and {@code php-fpm.listen} compare.
     *
     * @return the address, or null when the value is no address
     */
    public String address() {
        return UpstreamAddress.normalize(value);
    }

    /**
     * The host name the address uses, when it is a DNS name (resolved by the web server).
     *
     * @return the host name, or null
     */
    public String addressHostName() {
        return UpstreamAddress.hostName(address());
    }

    /**
     * True when the address is this machine's own loopback (127.0.0.1, localhost, [::1]): inside a container,
     * the container itself.
     *
     * @return whether the address is local; false for a socket or no address
     */
    public boolean addressIsLocal() {
        String a = address();
        if (a != null) return !a.startsWith("unix:") && UpstreamAddress.isLocal(a);
        // A host given without its port is an address all the same: Nginx Proxy Manager's forward host takes
        // the port in a field of its own (nginx-proxy-manager#3423: "127.0.0.1").
        return bindsLoopbackOnly();
    }

    /**
     * True when the value, an address a server is told to listen on ({@code 127.0.0.1}, {@code localhost:8000},
     * {@code [::1]}), is the loopback alone: inside a container, nothing outside the container reaches it. Not
     * for {@code 0.0.0.0} or {@code [::]}, which are every interface (the opposite), nor for a socket.
     *
     * @return whether the value binds to the loopback only
     */
    public boolean bindsLoopbackOnly() {
        return value != null && LOOPBACK_BIND.matcher(value.strip()).matches();
    }

    private static final java.util.regex.Pattern LOOPBACK_BIND = java.util.regex.Pattern.compile(
            "(?i)(?:[a-z]+://)?(?:127(?:\\.\\d{1,3}){3}|localhost|\\[?::1\\]?)(?::\\d{1,5})?/?");

    /**
     * The port of the address ({@code 9000} of {@code 127.0.0.1:9000}).
     *
     * @return the port, or null for a socket or no address
     */
    public Integer addressPort() {
        String a = address();
        if (a == null || a.startsWith("unix:")) return null;
        return parsePort(a.substring(a.lastIndexOf(':') + 1));
    }

    /**
     * Of a Docker port mapping ({@code 8383:80}, {@code 127.0.0.1:8383:80/tcp}: HOST:CONTAINER), the port
     * published on the host.
     *
     * @return the port, or null when the value is no mapping
     */
    public Integer publishedPort() {
        String[] p = portMapping();
        return p == null ? null : parsePort(p[p.length - 2]);
    }

    /**
     * Of a Docker port mapping, the port the container itself listens on.
     *
     * @return the port, or null when the value is no mapping
     */
    public Integer containerPort() {
        String[] p = portMapping();
        return p == null ? null : parsePort(p[p.length - 1]);
    }

    private String[] portMapping() {
        if (value == null) return null;
        java.util.regex.Matcher m = PORT_MAPPING.matcher(value.strip());
        return m.matches() ? m.group(1).split(":") : null;
    }

    private static Integer parsePort(String digits) {
        try {
            int port = Integer.parseInt(digits);
            return port > 0 && port < 65536 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String describe() {
        return "config " + name + " = " + value;
    }
}
