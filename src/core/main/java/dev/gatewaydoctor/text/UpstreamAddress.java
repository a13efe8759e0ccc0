package dev.gatewaydoctor.text;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upstream address written the many ways web servers and PHP-FPM write it, reduced to one form so
 * that rules can compare them: {@code unix:/run/php/php8.2-fpm.sock} for a socket, {@code host:port}
 * otherwise ({@code 127.0.0.1:9000}). nginx's {@code fastcgi://unix:/run/php/x.sock:}, Apache's
 * {@code proxy:unix:/run/php/x.sock|fcgi://localhost}, PHP-FPM's bare {@code 9000} and
 * {@code /run/php/x.sock} all become one of these.
 */
public final class UpstreamAddress {

    // LiteSpeed writes its lsphp sockets as uds://tmp/lshttpd/x.sock: the path without its leading slash.
    // A space belongs to a path when more of the path follows it (macOS: "Application Support/Herd/herd.sock");
    // a space followed by a word without a slash ends it ("... herd.sock failed (61: ...").
    private static final String PATH_CHAR = "(?:[^\\s\"|:]|\\s(?=[^\\s\"|:]*/))";
    private static final Pattern UNIX_SOCKET = Pattern.compile("unix:/{0,2}(/" + PATH_CHAR + "{1,512})");
    private static final Pattern SOCKET = Pattern.compile(UNIX_SOCKET.pattern() + "|^(/" + PATH_CHAR + "{1,512}\\.sock)|^uds:/{0,3}([^\\s\"|:/]" + PATH_CHAR + "{0,511})");
    private static final Pattern HOST_PORT = Pattern.compile(
            "^(?:[a-z][a-z0-9+.-]{0,20}://)?(\\[[0-9a-fA-F:.]{2,45}\\]|[A-Za-z0-9_.-]{1,253})(?::(\\d{1,5}))?(?:/.*)?$");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern PHP_VERSION = Pattern.compile("php-?(\\d)\\.?(\\d)");

    private UpstreamAddress() {
    }

    // Rules ask for the same few addresses many times per diagnosis; a bounded memo spares the regexes.
    private static final int MEMO_LIMIT = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.Optional<String>> MEMO = new java.util.concurrent.ConcurrentHashMap<>();

    /** The one form of an address, or null when the text is not one. */
    public static String normalize(String text) {
        if (text == null) return null;
        var known = MEMO.get(text);
        if (known != null) return known.orElse(null);
        String result = read(text);
        if (MEMO.size() < MEMO_LIMIT) MEMO.put(text, java.util.Optional.ofNullable(result));
        return result;
    }

    private static String read(String text) {
        String t = text.strip();
        if (t.endsWith(";")) t = t.substring(0, t.length() - 1).strip();
        Matcher m = SOCKET.matcher(t);
        if (m.find()) return "unix:" + (m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "/" + m.group(3));
        if (t.startsWith("proxy:")) t = t.substring("proxy:".length());
        if (t.matches("\\d{1,5}")) return "127.0.0.1:" + t;
        m = HOST_PORT.matcher(t);
        if (!m.matches()) return null;
        String host = m.group(1).toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.equals("[::1]") || host.equals("0.0.0.0") || host.equals("[::]")) host = "127.0.0.1";
        String port = m.group(2);
        if (port == null) {
            if (t.startsWith("https://")) port = "443";
            else if (t.startsWith("http://")) port = "80";
            else if (t.startsWith("fastcgi://") || t.startsWith("fcgi://")) port = "9000";
            else return null;
        }
        return host + ":" + port;
    }

    /** The path of the Unix socket the text names after "unix:" (nginx's and Apache's forms), or null. */
    public static String socketPath(String text) {
        if (text == null) return null;
        Matcher m = UNIX_SOCKET.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** True for a socket or an address on this machine. */
    public static boolean isLocal(String normalized) {
        return normalized != null && (normalized.startsWith("unix:") || normalized.startsWith("127."));
    }

    /** The host name in an address, when it is a name and not an IP, a socket or this machine. */
    public static String hostName(String normalized) {
        if (normalized == null || isLocal(normalized) || normalized.startsWith("[")) return null;
        String host = normalized.substring(0, normalized.lastIndexOf(':'));
        return IPV4.matcher(host).matches() ? null : host;
    }

    /** True when the address is an IP literal (what a web server holds after resolving a name once). */
    public static boolean isIp(String normalized) {
        if (normalized == null || normalized.startsWith("unix:")) return false;
        String host = normalized.substring(0, normalized.lastIndexOf(':'));
        return IPV4.matcher(host).matches() || host.startsWith("[");
    }

    /** The PHP version a socket or pool address names ("php7.4-fpm.sock" gives "7.4"), or null. */
    public static String phpVersion(String text) {
        if (text == null) return null;
        Matcher m = PHP_VERSION.matcher(text);
        return m.find() ? m.group(1) + "." + m.group(2) : null;
    }
}
