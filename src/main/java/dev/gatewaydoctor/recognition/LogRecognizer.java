package dev.gatewaydoctor.recognition;

import dev.gatewaydoctor.facts.LogLine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns log lines into {@link LogSignal}s. Recognition goes by the message, never by the {@code source}
 * the person gave, since logs get mislabelled: a PHP fatal is a PHP fatal whether it sits in PHP's own
 * log, in WordPress's debug.log, inside nginx's "FastCGI sent in stderr" or Apache's AH01071, or behind
 * a container or journal prefix. Patterns look for the message anywhere in the line, so fragments and
 * prefixes do not matter. Every pattern is free of nested quantifiers, and lines are cut at
 * {@link #MAX_LINE} characters, so that hostile input cannot make matching slow.
 */
public final class LogRecognizer {

    /** Longer lines are read up to here: every message family shows itself well before. */
    public static final int MAX_LINE = 16 * 1024;

    // --- proxies talking to their upstream (nginx) ---
    private static final Pattern NGINX_CONNECT = Pattern.compile(
            "connect\\(\\) (?:to (\\S{1,512}) )?failed \\((\\d{1,5}): ([^)]{0,80})\\)");
    private static final Pattern NGINX_TIMED_OUT = Pattern.compile(
            "upstream timed out \\((\\d{1,5}): ([^)]{0,80})\\)(?: while ([a-z ]{1,60}?) upstream)?");
    private static final Pattern NGINX_PREMATURE = Pattern.compile(
            "upstream prematurely closed (connection|FastCGI stdout|FastCGI request|FastCGI record)");
    private static final Pattern NGINX_RESET = Pattern.compile(
            "(?:recv|readv|writev|send|sendfile|write)\\(\\) (?:to \\S{1,512} )?failed \\((104|32|103): ([^)]{0,80})\\)(?: while "
                    + "(reading response header from|reading upstream|sending request to|sending to)|\\s*$)");
    private static final Pattern NGINX_TOO_BIG = Pattern.compile("upstream sent too big header");
    private static final Pattern NGINX_NO_LIVE = Pattern.compile("no live upstreams");
    private static final Pattern NGINX_UNRESOLVED = Pattern.compile("(\\S{1,255}) could not be resolved \\((\\d{1,3}): ([^)]{0,80})\\)");
    private static final Pattern NGINX_HOST_NOT_FOUND = Pattern.compile("host not found in (?:upstream|resolver) \"?([^\"\\s]{1,255})");
    private static final Pattern PROTOCOL = Pattern.compile(
            "upstream sent unsupported FastCGI protocol version: (\\d{1,5})|upstream sent no valid HTTP/1\\.[01] header"
                    + "|upstream sent invalid (?:header|status|chunked response)|upstream sent unexpected FastCGI record"
                    + "|AH01068: Got bogus version (\\d{1,5})"
                    + "|SSL_do_handshake\\(\\) failed \\([^)]{0,200}\\)[^\\n]{0,200}? while SSL handshaking to upstream"
                    + "|upstream SSL certificate (?:verify error|does not match)");
    private static final Pattern UPSTREAM_FIELD = Pattern.compile("upstream: \"([^\"]{0,512})\"");
    private static final Pattern REQUEST_FIELD = Pattern.compile("request: \"([A-Z]{3,8}) ([^\" ?]{0,512})");
    private static final Pattern SOCKET_IN = Pattern.compile("unix:(/[^\\s\"|:]{1,512})");

    // --- Apache httpd's mod_proxy / mod_proxy_fcgi ---
    private static final Pattern APACHE_STATUS = Pattern.compile("\\] \\((\\d{1,6})\\)([^:\\[\\]]{1,120}): ");
    private static final Pattern APACHE_CONNECT = Pattern.compile(
            "AH00957: \\w{1,20}: attempt to connect to (\\S{1,512}) \\([^)]{0,255}\\) failed"
                    + "|AH02454: \\w{1,20}: attempt to connect to Unix domain socket (\\S{1,512}) \\([^)]{0,255}\\) failed"
                    + "|AH01079: failed to make connection to backend: ?(\\S{0,512})");
    private static final Pattern APACHE_DISABLED = Pattern.compile("AH00940: \\w{1,20}: disabled connection for \\(([^)]{0,255})\\)"
            + "|AH00959: ap_proxy_connect_backend disabling worker for \\(([^)]{0,255})\\)");
    private static final Pattern APACHE_READ = Pattern.compile(
            "AH01067: Failed to read FastCGI header|AH01075: Error dispatching request to|AH01102: error reading status line from remote server"
                    + "|AH00898: Error reading from remote server|AH01095: prefetch request body failed|AH01097: pass request body failed");
    private static final Pattern APACHE_GOT_ERROR = Pattern.compile("AH01071: Got error '");

    // --- PHP-FPM's own log ---
    private static final Pattern FPM_MAX_CHILDREN = Pattern.compile(
            "\\[pool ([^\\]]{1,100})\\] server reached (?:pm\\.)?max_children setting \\((\\d{1,6})\\)");
    private static final Pattern FPM_BUSY = Pattern.compile(
            "\\[pool ([^\\]]{1,100})\\] seems busy \\(you may need to increase pm\\.start_servers");
    private static final Pattern FPM_TIMEOUT = Pattern.compile(
            "(?:\\[pool ([^\\]]{1,100})\\] )?child (\\d{1,10}), script '([^']{0,512})' (?:\\(request: \"([A-Z]{3,8}) ([^\" ?]{0,512})[^\"]{0,512}\"\\) )?"
                    + "execution timed out \\(([\\d.]{1,20}) sec\\), terminating");
    private static final Pattern FPM_SIGNAL = Pattern.compile(
            "(?:\\[pool ([^\\]]{1,100})\\] )?child (\\d{1,10}|[xX*]{1,10}|\\[redacted\\]|<pid>) exited on signal (\\d{1,3})(?: \\((SIG[A-Z0-9]{1,10})([^)]{0,40})\\))?");
    private static final Pattern FPM_STOPPED = Pattern.compile(
            "ERROR: (?:unable to bind listening socket for address '([^']{1,512})'|FPM initialization failed|failed to post process the configuration"
                    + "|\\[pool [^\\]]{1,100}\\] cannot get (?:uid|gid) for user)"
                    + "|(php[\\d.]{0,8}-fpm)(?:\\.service)?: (?:Failed with result|Main process exited, code=(?:exited|killed|dumped), status=(?!0/))"
                    + "|Failed to start (?:The )?PHP ?[\\d.]{0,8} FastCGI Process Manager"
                    + "|Stopped (?:The )?PHP ?[\\d.]{0,8} FastCGI Process Manager");

    // --- PHP itself, wherever its messages are wrapped ---
    private static final Pattern PHP_ERROR = Pattern.compile(
            "(?:PHP )?(Fatal error|Parse error|Compile error|Core error|Recoverable fatal error|Fatal Error): {1,4}");
    private static final Pattern PHP_MEMORY = Pattern.compile(
            "Allowed memory size of (\\d{1,20}) bytes exhausted(?: \\(tried to allocate (\\d{1,20}) bytes\\))?");
    private static final Pattern PHP_OUT_OF_MEMORY = Pattern.compile("Out of memory \\(allocated (\\d{1,20})\\)(?: \\(tried to allocate (\\d{1,20}) bytes\\))?");
    private static final Pattern PHP_MAX_EXECUTION = Pattern.compile("Maximum execution time of (\\d{1,7}) seconds? exceeded");
    private static final Pattern PHP_UNDEFINED_FUNCTION = Pattern.compile("Call to undefined function ([\\w\\\\]{1,200})\\(\\)");
    private static final Pattern PHP_FILE = Pattern.compile(" in (/[^\\s:\"']{1,512}\\.(?:php|inc|phtml))(?::(\\d{1,7})| on line (\\d{1,7}))?");
    private static final Pattern PHP_MISSING_FILE = Pattern.compile(
            "Failed opening required '(/[^']{1,512})'|\\((/[^)\\s]{1,512})\\): [Ff]ailed to open stream: No such file or directory");
    private static final Pattern WP_COMPONENT = Pattern.compile("/wp-content/(plugins|mu-plugins|themes)/([^/\\s\"']{1,200})");
    private static final Pattern WP_CORE = Pattern.compile("/(wp-includes|wp-admin)/");

    // --- the database ---
    private static final Pattern DB_ERROR = Pattern.compile(
            "Error establishing a database connection|Too many connections|MySQL server has gone away|Lost connection to MySQL server"
                    + "|Can't connect to (?:local )?(?:MySQL|MariaDB) server|\\((?:HY000|08004)/(\\d{4})\\): ([^\\n]{1,200}?)(?: in /|$)"
                    + "|SQLSTATE\\[(?:HY000|08004|08006)\\] \\[(\\d{4})\\] ([^\\n]{1,200}?)(?: in /|$)");
    private static final Pattern MYSQL_CRASH = Pattern.compile(
            "(mysqld|mariadbd) got signal (\\d{1,3})|InnoDB(?::|\\]) Assertion failure|(mysqld|mariadbd): Out of memory|mysqld_safe Number of processes running now: 0");

    // --- the kernel and the system ---
    private static final Pattern OOM_KILL = Pattern.compile(
            "(Memory cgroup )?[Oo]ut of memory: Kill(?:ed)? process (\\d{1,10}) \\(([^)]{1,64})\\)");
    private static final Pattern OOM_KILL_SUMMARY = Pattern.compile("oom-kill:constraint=[A-Z_]{1,40},[^\\n]{0,400}?task=([^,\\s]{1,64}),pid=(\\d{1,10})");
    private static final Pattern OOM_INVOKED = Pattern.compile("(\\S{1,64}) invoked oom-killer");
    private static final Pattern SEGFAULT = Pattern.compile(
            "([\\w.\\-]{1,64})\\[(\\d{1,10})\\]: segfault at \\S{1,20} ip \\S{1,20} sp \\S{1,20} error \\d{1,3}(?: in ([^\\[\\s]{1,200}))?");
    private static final Pattern DISK_FULL = Pattern.compile(
            "\\(28: No space left on device\\)|No space left on device|Errcode: 28|errno: 28|Disk full \\(|Disk quota exceeded");
    private static final Pattern ACCESS_LINE = Pattern.compile("\"([A-Z]{3,7}) (\\S{1,4096}) HTTP/[0-9.]{1,3}\" (50[234]) (?:\\d{1,12}|-)");
    private static final Pattern SELINUX = Pattern.compile(
            "avc: {1,3}denied {1,3}\\{ ([a-z_ ]{1,100}) \\} for {1,3}pid=\\d{1,10} comm=\"([^\"]{1,64})\"");
    private static final Pattern SELINUX_TARGET = Pattern.compile("(?:path|name|dest)=\"?([^\\s\"]{1,512})");

    // Words that every message of a group of families contains (checked by LogRecognizerTest's lines):
    // each family's code below looks for one of them before it runs a regex.
    private static final String[] PROXY_WORDS = {"connect()", "timed out", "prematurely", "failed (104", "failed (32", "failed (103",
            "upstream sent", "no live upstreams", "could not be resolved", "host not found", "AH01068", "SSL"};
    private static final String[] APACHE_WORDS = {"AH0", "AH1"};
    private static final String[] ACCESS_WORDS = {"\" 502 ", "\" 503 ", "\" 504 "};
    private static final String[] FPM_WORDS = {"[pool ", "child ", "ERROR: ", "fpm.service", "FastCGI Process Manager"};
    private static final String[] PHP_WORDS = {"Fatal error", "Parse error", "Compile error", "Core error", "Fatal Error",
            "Recoverable fatal error"};
    private static final String[] DATABASE_WORDS = {"database", "connections", "MySQL", "MariaDB", "HY000", "08004", "SQLSTATE",
            "got signal", "InnoDB", "mysqld", "mariadbd"};
    private static final String[] SYSTEM_WORDS = {"ut of memory", "oom-kill", "segfault", "No space left", "code: 28", "rrno: 28",
            "Disk full", "Disk quota", "avc:"};

    /**
     * Every word some family needs: a line with none of them gives no signal. Whole-log reading searches
     * the bytes for these before it decodes a line (ingest.SignalWords).
     */
    public static final List<String> SIGNAL_WORDS = java.util.stream.Stream.of(PROXY_WORDS, APACHE_WORDS, ACCESS_WORDS, FPM_WORDS, PHP_WORDS,
            DATABASE_WORDS, SYSTEM_WORDS).flatMap(java.util.Arrays::stream).distinct().toList();

    private static final String[] DB_ERROR_WORDS = {"Error establishing a database connection", "Too many connections", "MySQL server",
            "Can't connect to", "HY000", "08004", "SQLSTATE"};

    private static boolean anyOf(String line, String[] words) {
        for (String w : words) if (line.contains(w)) return true;
        return false;
    }

    /** True when the line's own timestamp leaves out its zone (nginx, Apache and PHP-FPM print local time so). */
    public static boolean timeWithoutZone(String line) {
        LogTime.Found found = LogTime.find(normalize(line), ZoneOffset.UTC);
        return found != null && !found.zoneGiven();
    }

    /**
     * The time of a line stamped the syslog way ("Nov 26 05:07:46 web1 kernel: ..."), which gives no
     * year: the year is the one that puts it at or just before {@code reference}, the latest time the
     * record shows. Null for lines with a full timestamp or none.
     */
    public static Instant yearlessTime(String line, ZoneId localZone, Instant reference) {
        return LogTime.yearless(normalize(line), localZone, reference);
    }

    /** Reads every message family out of one line; an unrecognised line gives an empty list. */
    public List<LogSignal> recognize(LogLine log) {
        return recognize(log, ZoneOffset.UTC);
    }

    /** As {@link #recognize(LogLine)}, reading times that carry no zone in the given one (the site's). */
    public List<LogSignal> recognize(LogLine log, ZoneId localZone) {
        String line = normalize(log.line());
        var found = new ArrayList<LogSignal.Builder>();

        // Each family's regexes run only on lines holding one of its words: most lines of a real log
        // are noise, and a substring search costs a fraction of a regex scan.
        if (anyOf(line, PROXY_WORDS)) proxy(line, found);
        if (anyOf(line, APACHE_WORDS)) apache(line, found);
        if (anyOf(line, ACCESS_WORDS)) access(line, found);
        if (anyOf(line, FPM_WORDS)) phpFpm(line, found);
        if (anyOf(line, PHP_WORDS)) php(line, found);
        if (anyOf(line, DATABASE_WORDS)) database(line, found);
        if (anyOf(line, SYSTEM_WORDS)) system(line, found);
        if (found.isEmpty()) return List.of();

        Instant time = log.at();
        if (time == null) {
            LogTime.Found stamp = LogTime.find(line, localZone);
            time = stamp == null ? null : stamp.at();
        }
        var out = new ArrayList<LogSignal>(found.size());
        for (var b : found) out.add(b.build(time, log));
        return out;
    }

    /**
     * Undo what pasting does to a line: curly quotes typed by editors and chat tools, a line end
     * left behind, an over-long tail.
     */
    static String normalize(String line) {
        String s = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
        if (s.indexOf('\r') >= 0) s = s.replace("\r", "");
        return s.replace('\u201C', '"').replace('\u201D', '"').replace('\u201E', '"')
                .replace('\u2018', '\'').replace('\u2019', '\'').replace('\u00A0', ' ');
    }

    private void proxy(String line, List<LogSignal.Builder> found) {
        Matcher m;
        if (line.contains("connect()") && (m = NGINX_CONNECT.matcher(line)).find()) {
            var b = LogSignal.of("upstream-connect-failed", "nginx").errno(Errno.of(Integer.parseInt(m.group(2)), m.group(3)));
            b.upstream = m.group(1);
            found.add(upstreamDetails(line, b));
        }
        if (line.contains("timed out") && (m = NGINX_TIMED_OUT.matcher(line)).find()) {
            var b = LogSignal.of("upstream-timed-out", "nginx").errno(Errno.of(Integer.parseInt(m.group(1)), m.group(2)));
            b.detail = m.group(3) == null ? null : "while " + m.group(3) + " upstream";
            found.add(upstreamDetails(line, b));
        }
        if (line.contains("prematurely") && (m = NGINX_PREMATURE.matcher(line)).find()) {
            var b = LogSignal.of("upstream-closed-early", "nginx");
            b.detail = "upstream prematurely closed " + m.group(1);
            found.add(upstreamDetails(line, b));
        } else if ((line.contains("failed (104") || line.contains("failed (32") || line.contains("failed (103")) && (m = NGINX_RESET.matcher(line)).find()) {
            var b = LogSignal.of("upstream-closed-early", "nginx").errno(Errno.of(Integer.parseInt(m.group(1)), m.group(2)));
            // A line cut right after the error (as people paste it) lost its "while ...": in a gateway error's
            // record, a reset read from nginx is its upstream's.
            b.detail = m.group(3) == null ? "the line ends before saying while doing what" : "while " + m.group(3) + " upstream";
            found.add(upstreamDetails(line, b));
        }
        if (line.contains("upstream sent too big header")) found.add(upstreamDetails(line, LogSignal.of("upstream-header-too-big", "nginx")));
        if (line.contains("no live upstreams")) found.add(upstreamDetails(line, LogSignal.of("no-live-upstreams", "nginx")));
        if (line.contains("could not be resolved") && (m = NGINX_UNRESOLVED.matcher(line)).find()) {
            var b = LogSignal.of("upstream-unresolvable", "nginx");
            b.host = m.group(1);
            b.detail = "resolver answered " + m.group(2) + ": " + m.group(3);
            found.add(upstreamDetails(line, b));
        } else if (line.contains("host not found") && (m = NGINX_HOST_NOT_FOUND.matcher(line)).find()) {
            var b = LogSignal.of("upstream-unresolvable", "nginx");
            b.host = m.group(1);
            b.detail = "host not found when nginx started";
            found.add(b);
        }
        if ((line.contains("upstream sent") || line.contains("AH01068") || line.contains("SSL")) && (m = PROTOCOL.matcher(line)).find()) {
            var b = LogSignal.of("upstream-protocol-error", m.group().startsWith("AH") ? "apache" : "nginx");
            b.detail = m.group();
            found.add(upstreamDetails(line, b));
        }
    }

    private LogSignal.Builder upstreamDetails(String line, LogSignal.Builder b) {
        Matcher m = UPSTREAM_FIELD.matcher(line);
        if (m.find()) {
            String u = m.group(1);
            if (b.upstream == null || !b.upstream.startsWith("unix:")) b.upstream = u;
            int scheme = u.indexOf("://");
            String rest = scheme < 0 ? u : u.substring(scheme + 3);
            if (!rest.startsWith("unix:") && b.host == null) b.host = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        }
        if (b.upstream != null && b.socketPath == null) {
            Matcher s = SOCKET_IN.matcher(b.upstream);
            if (s.find()) b.socketPath = s.group(1);
        }
        if (b.upstream != null && b.host == null && !b.upstream.startsWith("unix:") && !b.upstream.startsWith("/")) b.host = b.upstream;
        if ((m = REQUEST_FIELD.matcher(line)).find()) b.request = m.group(1) + " " + m.group(2);
        return b;
    }

    /**
     * A request an access log (nginx's or Apache's combined or common format) records as answered with a
     * gateway error: the server side of the 502s a visitor saw, with its time and zone.
     */
    private void access(String line, List<LogSignal.Builder> found) {
        Matcher m = ACCESS_LINE.matcher(line);
        if (!m.find()) return;
        var b = LogSignal.of("access-gateway-error", "web-server");
        String target = m.group(2);
        int query = target.indexOf('?');
        b.request = m.group(1) + " " + (query < 0 ? target : target.substring(0, query));
        b.status = Integer.valueOf(m.group(3));
        found.add(b);
    }

    private void apache(String line, List<LogSignal.Builder> found) {
        if (!line.contains("AH0") && !line.contains("AH1")) return;
        Errno status = null;
        Matcher m = APACHE_STATUS.matcher(line);
        if (m.find()) status = Errno.of(Integer.parseInt(m.group(1)), m.group(2));
        if ((m = APACHE_CONNECT.matcher(line)).find()) {
            var b = LogSignal.of("upstream-connect-failed", "apache").errno(status);
            if (m.group(2) != null) {
                b.socketPath = m.group(2);
                b.upstream = "unix:" + m.group(2);
            } else {
                String target = m.group(1) != null ? m.group(1) : m.group(3);
                b.upstream = target == null || target.isEmpty() ? null : target;
                b.host = b.upstream;
                if (b.upstream != null) {
                    Matcher s = SOCKET_IN.matcher(b.upstream);
                    if (s.find()) {
                        b.socketPath = s.group(1);
                        b.host = null;
                    }
                }
            }
            found.add(b);
        } else if ((m = APACHE_DISABLED.matcher(line)).find()) {
            var b = LogSignal.of("no-live-upstreams", "apache");
            b.host = m.group(1) != null ? m.group(1) : m.group(2);
            found.add(b);
        } else if ((m = APACHE_READ.matcher(line)).find()) {
            boolean timeout = status != null && status.number() == 70007;
            var b = LogSignal.of(timeout ? "upstream-timed-out" : "upstream-closed-early", "apache").errno(status);
            b.detail = m.group();
            found.add(b);
        }
    }

    private void phpFpm(String line, List<LogSignal.Builder> found) {
        Matcher m;
        if (line.contains("max_children") && (m = FPM_MAX_CHILDREN.matcher(line)).find()) {
            var b = LogSignal.of("fpm-max-children-reached", "php-fpm");
            b.pool = m.group(1);
            b.limit = Double.valueOf(m.group(2));
            found.add(b);
        }
        if (line.contains("seems busy") && (m = FPM_BUSY.matcher(line)).find()) {
            var b = LogSignal.of("fpm-pool-busy", "php-fpm");
            b.pool = m.group(1);
            found.add(b);
        }
        if (line.contains("execution timed out") && (m = FPM_TIMEOUT.matcher(line)).find()) {
            var b = LogSignal.of("fpm-execution-timed-out", "php-fpm");
            b.pool = m.group(1);
            b.file = m.group(3);
            if (m.group(4) != null) b.request = m.group(4) + " " + m.group(5);
            b.limit = Double.valueOf(m.group(6));
            codeArea(b, b.file);
            found.add(b);
        }
        if (line.contains("exited on signal") && (m = FPM_SIGNAL.matcher(line)).find()) {
            var b = LogSignal.of("fpm-child-killed-by-signal", "php-fpm");
            b.pool = m.group(1);
            b.signal = Integer.valueOf(m.group(3));
            b.signalName = m.group(4) != null ? m.group(4) : signalName(b.signal);
            if (m.group(5) != null && m.group(5).contains("core dumped")) b.detail = "core dumped";
            found.add(b);
        }
        if ((line.contains("ERROR: ") || line.contains("fpm.service") || line.contains("Process Manager")) && (m = FPM_STOPPED.matcher(line)).find()) {
            var b = LogSignal.of("php-fpm-stopped", m.group(2) != null || line.contains("FastCGI Process Manager") ? "systemd" : "php-fpm");
            b.socketPath = m.group(1);
            b.detail = m.group();
            found.add(b);
        }
    }

    private void php(String line, List<LogSignal.Builder> found) {
        Matcher m = PHP_ERROR.matcher(line);
        int from = 0;
        while (m.find(from)) {
            int end = nextPhpMessage(line, m.end());
            String message = line.substring(m.end(), end);
            found.add(phpError(m.group(1), message));
            from = end;
            if (found.size() > 20) break; // one line, a handful of messages at most
        }
    }

    /** Where the next "PHP message:" begins in nginx's wrapper, or the end of the line. */
    private static int nextPhpMessage(String line, int from) {
        int next = line.indexOf("PHP message: ", from);
        return next < 0 ? line.length() : next;
    }

    private LogSignal.Builder phpError(String kind, String message) {
        Matcher m;
        LogSignal.Builder b;
        if ((m = PHP_MEMORY.matcher(message)).find()) {
            b = LogSignal.of("php-memory-exhausted", "php");
            b.memoryLimitBytes = Long.valueOf(m.group(1));
            b.triedBytes = m.group(2) == null ? null : Long.valueOf(m.group(2));
        } else if ((m = PHP_OUT_OF_MEMORY.matcher(message)).find()) {
            b = LogSignal.of("php-out-of-memory", "php");
            b.triedBytes = m.group(2) == null ? null : Long.valueOf(m.group(2));
        } else if ((m = PHP_MAX_EXECUTION.matcher(message)).find()) {
            b = LogSignal.of("php-max-execution-time", "php");
            b.limit = Double.valueOf(m.group(1));
        } else {
            b = LogSignal.of("php-fatal-error", "php");
            b.detail = kind.toLowerCase(Locale.ROOT);
            if ((m = PHP_UNDEFINED_FUNCTION.matcher(message)).find()) b.function = m.group(1);
            b.removedInPhp = PhpRemovals.removedIn(b.function, message);
        }
        String text = message.strip();
        int wrapperEnd = text.indexOf("\" while ");
        if (wrapperEnd > 0) text = text.substring(0, wrapperEnd);
        b.message = text.length() > 400 ? text.substring(0, 397) + "..." : text;
        if ((m = PHP_MISSING_FILE.matcher(message)).find()) {
            // The file that is missing says more than the file that asked for it (wp-settings.php).
            b.detail = "missing-file";
            b.file = m.group(1) != null ? m.group(1) : m.group(2);
            codeArea(b, b.file);
        } else if ((m = PHP_FILE.matcher(message)).find()) {
            b.file = m.group(1);
            codeArea(b, b.file);
        }
        return b;
    }

    private static void codeArea(LogSignal.Builder b, String file) {
        if (file == null) return;
        Matcher m = WP_COMPONENT.matcher(file);
        if (m.find()) {
            String slug = m.group(2);
            switch (m.group(1)) {
                case "themes" -> {
                    b.theme = slug;
                    b.codeArea = "theme";
                }
                case "mu-plugins" -> {
                    b.plugin = slug.endsWith(".php") ? slug.substring(0, slug.length() - 4) : slug;
                    b.codeArea = "mu-plugin";
                }
                default -> {
                    b.plugin = slug.endsWith(".php") ? slug.substring(0, slug.length() - 4) : slug;
                    b.codeArea = "plugin";
                }
            }
        } else if (WP_CORE.matcher(file).find() || file.endsWith("/wp-settings.php") || file.endsWith("/wp-load.php")) {
            b.codeArea = "core";
        } else {
            b.codeArea = "other";
        }
    }

    private void database(String line, List<LogSignal.Builder> found) {
        Matcher m;
        if (anyOf(line, DB_ERROR_WORDS) && (m = DB_ERROR.matcher(line)).find()) {
            var b = LogSignal.of("database-connection-error", line.contains("WordPress database error") || line.contains("Error establishing")
                    ? "wordpress" : "php");
            String code = m.group(1) != null ? m.group(1) : m.group(3);
            String text = m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : m.group();
            if (code != null) b.errno = Integer.valueOf(code);
            b.message = text.strip();
            if (text.contains("Too many connections") || "1040".equals(code)) b.detail = "too-many-connections";
            else if (text.contains("gone away") || text.contains("Lost connection")) b.detail = "connection-lost";
            else if (text.contains("Access denied") || "1045".equals(code)) b.detail = "access-denied";
            else if (text.contains("refused") || text.contains("No such file") || text.contains("Can't connect") || "2002".equals(code)) {
                b.detail = "cannot-connect";
            } else b.detail = "cannot-connect";
            found.add(b);
        }
        if ((line.contains("got signal") || line.contains("InnoDB") || line.contains("Out of memory") || line.contains("mysqld_safe"))
                && (m = MYSQL_CRASH.matcher(line)).find()) {
            var b = LogSignal.of("database-crashed", "mysql");
            if (m.group(2) != null) {
                b.signal = Integer.valueOf(m.group(2));
                b.signalName = signalName(b.signal);
            }
            b.process = m.group(1) != null ? m.group(1) : m.group(3);
            String text = m.group();
            b.detail = m.group(2) != null ? "signal" : text.contains("Assertion") ? "innodb-assertion"
                    : text.contains("Out of memory") ? "out-of-memory" : "not-running";
            found.add(b);
        }
    }

    private void system(String line, List<LogSignal.Builder> found) {
        Matcher m;
        boolean oom = line.contains("ut of memory") || line.contains("oom-kill");
        if (!oom) {
            // no OOM message on this line
        } else if ((m = OOM_KILL.matcher(line)).find()) {
            var b = LogSignal.of("oom-killed", "kernel");
            b.process = m.group(3);
            b.detail = m.group(1) != null ? "memory cgroup (container) limit" : "whole machine";
            found.add(b);
        } else if ((m = OOM_KILL_SUMMARY.matcher(line)).find()) {
            var b = LogSignal.of("oom-killed", "kernel");
            b.process = m.group(1);
            b.detail = line.contains("CONSTRAINT_MEMCG") ? "memory cgroup (container) limit" : "whole machine";
            found.add(b);
        } else if (line.contains("invoked oom-killer") && (m = OOM_INVOKED.matcher(line)).find()) {
            var b = LogSignal.of("oom-killed", "kernel");
            b.process = m.group(1);
            b.detail = "oom-killer invoked";
            found.add(b);
        }
        if (line.contains("segfault") && (m = SEGFAULT.matcher(line)).find()) {
            var b = LogSignal.of("process-segfault", "kernel");
            b.process = m.group(1);
            b.signal = 11;
            b.signalName = "SIGSEGV";
            b.detail = m.group(3);
            found.add(b);
        }
        if ((line.contains("No space left") || line.contains("code: 28") || line.contains("rrno: 28") || line.contains("Disk "))
                && DISK_FULL.matcher(line).find()) {
            var b = LogSignal.of("disk-full", programOf(line)).errno(Errno.of(28, null));
            found.add(b);
        }
        if (line.contains("avc:") && (m = SELINUX.matcher(line)).find()) {
            var b = LogSignal.of("selinux-denied", "selinux");
            b.process = m.group(2);
            b.detail = m.group(1).strip();
            Matcher t = SELINUX_TARGET.matcher(line);
            if (t.find(m.end())) {
                b.upstream = t.group(1);
                if (t.group(1).startsWith("/")) b.socketPath = t.group(1);
            }
            found.add(b);
        }
    }

    private static String programOf(String line) {
        if (line.contains("[emerg]") || line.contains("[crit]") || line.contains("[alert]") || line.matches("(?s).{0,40}\\d{4}/\\d{2}/\\d{2} .*")) {
            return "nginx";
        }
        if (line.contains("mysqld") || line.contains("mariadbd") || line.contains("InnoDB")) return "mysql";
        if (line.contains("PHP ")) return "php";
        return "system";
    }

    static String signalName(int signal) {
        return switch (signal) {
            case 4 -> "SIGILL";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> null;
        };
    }
}
