package dev.gatewaydoctor.recognition;

import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.text.UpstreamAddress;

import java.time.Instant;

/**
 * What a recognised log line says, with its fields typed. Rules match on {@code family} and on the
 * fields that family fills; the others are null. The families and their fields are listed in
 * {@code docs/log-families.md}.
 *
 * @param family        the message family, e.g. {@code upstream-connect-failed}, {@code php-memory-exhausted}
 * @param program       who printed it: nginx, apache, php-fpm, php, wordpress, mysql, kernel, systemd, selinux
 * @param time          the line's own timestamp (or the fact's {@code at}), null when it has none
 * @param errno         the error number beside the message (nginx's "(111: ...)", Apache's "(111)...")
 * @param errnoName     its symbolic name (ECONNREFUSED), when known
 * @param errnoMeaning  its text (Connection refused)
 * @param upstream      the upstream as the proxy names it ("fastcgi://127.0.0.1:9000", "unix:/run/php/php8.2-fpm.sock")
 * @param socketPath    the Unix socket path, when the upstream is a socket
 * @param host          the upstream's host (and port), or the host name that could not be resolved
 * @param request       the request method and path, without the query string ("GET /checkout/")
 * @param message       the application's own message (the PHP error text, the database error)
 * @param file          the PHP file the error names
 * @param plugin        the plugin slug, when the file is under wp-content/plugins/ or mu-plugins/
 * @param theme         the theme slug, when the file is under wp-content/themes/
 * @param codeArea      plugin, mu-plugin, theme, core (wp-includes, wp-admin) or other
 * @param function      the undefined function a fatal names
 * @param memoryLimitBytes PHP's memory limit as the fatal states it
 * @param triedBytes    what PHP tried to allocate
 * @param signal        the signal number a process died of
 * @param signalName    SIGSEGV, SIGKILL, ...
 * @param pool          the PHP-FPM pool
 * @param limit         a limit the message states (pm.max_children, seconds of a timeout)
 * @param process       the process named (killed by the OOM killer, segfaulted)
 * @param detail        anything else worth showing (the extension that crashed, the SELinux permission, the service)
 * @param status        the HTTP status an access log line records (502, 503, 504)
 * @param removedInPhp  for a PHP fatal on a function or syntax that PHP removed, the PHP version that removed it ("8.0")
 * @param log           the line itself
 * @param count         how many lines said this (a log ingested whole keeps one line of each kind, with its count)
 * @param lastTime      when the last of them was written, when known
 */
public record LogSignal(String family, String program, Instant time,
                        Integer errno, String errnoName, String errnoMeaning,
                        String upstream, String socketPath, String host, String request,
                        String message, String file, String plugin, String theme, String codeArea, String function,
                        Long memoryLimitBytes, Long triedBytes, Integer signal, String signalName,
                        String pool, Double limit, String process, String detail, Integer status, String removedInPhp, LogLine log,
                        int count, Instant lastTime) {

    /** The same signal at another time: for a syslog line, once the record tells its year. */
    public LogSignal withTime(Instant at) {
        return new LogSignal(family, program, at, errno, errnoName, errnoMeaning, upstream, socketPath, host, request, message, file,
                plugin, theme, codeArea, function, memoryLimitBytes, triedBytes, signal, signalName, pool, limit, process, detail,
                status, removedInPhp, log, count, lastTime);
    }

    /**
     * The same signal for the line a whole-log reading kept for its kind: its time the kind's first, its
     * count and last time the kind's.
     */
    public LogSignal rebased(LogLine kept) {
        return new LogSignal(family, program, kept.at() != null ? kept.at() : time, errno, errnoName, errnoMeaning, upstream, socketPath, host,
                request, message, file, plugin, theme, codeArea, function, memoryLimitBytes, triedBytes, signal, signalName, pool, limit,
                process, detail, status, removedInPhp, kept, kept.count(), kept.lastAt());
    }

    /** The plugin or theme slug, whichever the file names. */
    public String component() {
        return plugin != null ? plugin : theme;
    }

    /** The memory limit as PHP settings write it ("128M"), or null. */
    public String memoryLimit() {
        return memoryLimitBytes == null ? null : dev.gatewaydoctor.text.Numbers.formatBytes(memoryLimitBytes);
    }

    /** The upstream in one comparable form ({@code unix:/run/php/x.sock}, {@code 127.0.0.1:9000}), or null. */
    public String upstreamAddress() {
        if (socketPath != null) return "unix:" + socketPath;
        String a = UpstreamAddress.normalize(upstream);
        return a != null ? a : UpstreamAddress.normalize(host);
    }

    /** True when the upstream is PHP-FPM: a FastCGI upstream, a php/fpm socket, or port 9000. */
    public boolean upstreamIsPhp() {
        String u = upstream == null ? "" : upstream.toLowerCase(java.util.Locale.ROOT);
        String a = upstreamAddress();
        return u.startsWith("fastcgi://") || u.startsWith("fcgi://") || u.contains("|fcgi://")
                || socketPath != null && (socketPath.contains("php") || socketPath.contains("fpm"))
                || a != null && a.endsWith(":9000");
    }

    /** The upstream's TCP port (8080, 7081...), or null for a Unix socket or when no port is named. */
    public Integer upstreamPort() {
        String a = upstreamAddress();
        if (a == null || a.startsWith("unix:")) return null;
        int colon = a.lastIndexOf(':');
        try {
            return colon < 0 ? null : Integer.valueOf(a.substring(colon + 1));
        } catch (NumberFormatException notAPort) {
            return null;
        }
    }

    /** True when the upstream is a socket or on this machine: no network lies between. */
    public boolean upstreamIsLocal() {
        return UpstreamAddress.isLocal(upstreamAddress());
    }

    /** True when the web server connects to an IP literal (what it holds after resolving a name once). */
    public boolean upstreamIsIp() {
        return UpstreamAddress.isIp(upstreamAddress());
    }

    /** The PHP version the upstream socket names ("php7.4-fpm.sock" gives "7.4"), or null. */
    public String upstreamPhpVersion() {
        return UpstreamAddress.phpVersion(socketPath != null ? socketPath : upstream);
    }

    public String describe() {
        return log.describe();
    }

    static Builder of(String family, String program) {
        return new Builder(family, program);
    }

    /** Filled by the recogniser, one field at a time, then frozen into the record. */
    static final class Builder {
        private final String family;
        private String program;
        Integer errno;
        String errnoName;
        String errnoMeaning;
        String upstream;
        String socketPath;
        String host;
        String request;
        String message;
        String file;
        String plugin;
        String theme;
        String codeArea;
        String function;
        Long memoryLimitBytes;
        Long triedBytes;
        Integer signal;
        String signalName;
        String pool;
        Double limit;
        String process;
        String detail;
        Integer status;
        String removedInPhp;
        /** The time as a family's pattern captured it, read in the line's zone when the signal is built. */
        String timeText;

        private Builder(String family, String program) {
            this.family = family;
            this.program = program;
        }

        String program() {
            return program;
        }

        Builder program(String program) {
            this.program = program;
            return this;
        }

        Builder errno(Errno e) {
            if (e != null) {
                errno = e.number();
                errnoName = e.name();
                errnoMeaning = e.meaning();
            }
            return this;
        }

        LogSignal build(Instant time, LogLine log) {
            return new LogSignal(family, program, time, errno, errnoName, errnoMeaning, upstream, socketPath, host, request,
                    message, file, plugin, theme, codeArea, function, memoryLimitBytes, triedBytes, signal, signalName,
                    pool, limit, process, detail, status, removedInPhp, log, log.count(), log.lastAt());
        }
    }
}
