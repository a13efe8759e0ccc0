import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a seeded log of the given size in one of five compositions, so that reading a whole log is measured on
 * more than the log it was tuned on:
 *   noise      an nginx error log of ordinary noise (missing files, buffered responses, closed keep-alives,
 *              limited and forbidden requests) with about four thousand 502-relevant lines a gigabyte;
 *   lookalike  noise that holds the words recognition gates on without being a signal: SSL handshake failures,
 *              bodies too large, limiting requests, signal and reload notices, upstream buffering warnings,
 *              upstream keep-alive closes; the same few signal lines;
 *   signals    one line in three a signal (a site failing hard);
 *   access     a busy nginx access log (combined format), 2% of its requests answered 502 or 504;
 *   long       error lines of 2 to 8 KB (long query strings and cookies in the request and referrer).
 * Run as a source file: java src/bench/BigLog.java FILE MB COMPOSITION
 */
public class BigLog {
    static final String[] NOISE = {
        "[error] %1$d#%1$d: *%2$d open() \"/var/www/html/wp-content/uploads/2019/%4$02d/banner-%5$d.jpg\" failed (2: No such file or directory), client: 198.51.100.%3$d, server: shop.example.com, request: \"GET /wp-content/uploads/2019/%4$02d/banner-%5$d.jpg HTTP/2.0\", host: \"shop.example.com\", referrer: \"https://shop.example.com/\"",
        "[warn] %1$d#%1$d: *%2$d an upstream response is buffered to a temporary file /var/lib/nginx/fastcgi/%4$d/%5$d/00000%2$d while reading upstream, client: 203.0.113.%3$d, server: shop.example.com, request: \"GET /shop/page/%5$d/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"",
        "[info] %1$d#%1$d: *%2$d client 198.51.113.%3$d closed keepalive connection",
        "[error] %1$d#%1$d: *%2$d limiting requests, excess: 10.%5$d by zone \"wplogin\", client: 192.0.2.%3$d, server: shop.example.com, request: \"POST /wp-login.php HTTP/1.1\", host: \"shop.example.com\"",
        "[error] %1$d#%1$d: *%2$d access forbidden by rule, client: 192.0.2.%3$d, server: shop.example.com, request: \"GET /.env HTTP/1.1\", host: \"shop.example.com\"",
    };
    static final String[] LOOKALIKES = {
        "[crit] %1$d#%1$d: *%2$d SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL handshaking, client: 198.51.100.%3$d, server: 0.0.0.0:443",
        "[info] %1$d#%1$d: *%2$d SSL_read() failed (SSL: error:0A000126:SSL routines::unexpected eof while reading) while waiting for request, client: 203.0.113.%3$d, server: 0.0.0.0:443",
        "[error] %1$d#%1$d: *%2$d client intended to send too large body: %5$d000000 bytes, client: 198.51.100.%3$d, server: shop.example.com, request: \"POST /wp-admin/async-upload.php HTTP/2.0\", host: \"shop.example.com\", referrer: \"https://shop.example.com/wp-admin/upload.php\"",
        "[error] %1$d#%1$d: *%2$d limiting connections by zone \"perip\", client: 192.0.2.%3$d, server: shop.example.com, request: \"GET /?s=%5$d HTTP/1.1\", host: \"shop.example.com\"",
        "[notice] %1$d#%1$d: signal 1 (SIGHUP) received from %5$d, reconfiguring",
        "[notice] %1$d#%1$d: signal 17 (SIGCHLD) received from %5$d",
        "[notice] %1$d#%1$d: worker process %5$d exited with code 0",
        "[warn] %1$d#%1$d: *%2$d an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/%4$d/%5$d/00000%2$d while reading upstream, client: 203.0.113.%3$d, server: shop.example.com, request: \"GET /feed/ HTTP/1.1\", upstream: \"http://127.0.0.1:8080/feed/\", host: \"shop.example.com\"",
        "[info] %1$d#%1$d: *%2$d upstream server temporarily disabled while reading upstream, client: 203.0.113.%3$d, server: shop.example.com, request: \"GET /wp-json/wc/store/cart HTTP/2.0\", upstream: \"http://127.0.0.1:8080/wp-json/wc/store/cart\", host: \"shop.example.com\"",
        "[info] %1$d#%1$d: *%2$d client closed connection while waiting for request, client: 198.51.100.%3$d, server: 0.0.0.0:443",
        "[warn] %1$d#%1$d: *%2$d a client request body is buffered to a temporary file /var/cache/nginx/client_temp/00000%2$d, client: 192.0.2.%3$d, server: shop.example.com, request: \"POST /wp-admin/admin-ajax.php HTTP/2.0\", host: \"shop.example.com\"",
    };
    static final String[] SIGNALS = {
        "[error] %1$d#%1$d: *%2$d connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream, client: 203.0.113.%3$d, server: shop.example.com, request: \"GET /checkout/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"",
        "[error] %1$d#%1$d: *%2$d upstream timed out (110: Connection timed out) while reading response header from upstream, client: 198.51.100.%3$d, server: shop.example.com, request: \"POST /wp-admin/admin-ajax.php HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock\", host: \"shop.example.com\"",
        "[error] %1$d#%1$d: *%2$d FastCGI sent in stderr: \"PHP message: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/html/wp-content/plugins/woocommerce/includes/class-wc-cart.php on line 1411\" while reading response header from upstream, client: 198.51.100.%3$d, server: shop.example.com, request: \"GET /cart/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"",
        "[error] %1$d#%1$d: *%2$d upstream prematurely closed connection while reading response header from upstream, client: 203.0.113.%3$d, server: shop.example.com, request: \"GET /product/mug/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"",
    };
    static final String[] PAGES = {"/", "/shop/", "/product/mug/", "/cart/", "/checkout/", "/wp-admin/admin-ajax.php", "/wp-json/wc/store/cart",
        "/feed/", "/wp-content/uploads/2024/03/banner.jpg", "/wp-includes/js/jquery/jquery.min.js", "/?s=mug", "/my-account/"};
    static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "WordPress/6.4.2; https://shop.example.com"};
    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long bytes = Long.parseLong(args.length > 1 ? args[1] : "1024") * 1024 * 1024;
        String composition = args.length > 2 ? args[2] : "noise";
        var random = new Random(42);
        long written = 0, lines = 0;
        long linesPerDay = bytes / (composition.equals("long") ? 5000 : 200);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            while (written < bytes) {
                long second = lines * 86_400L / Math.max(1, linesPerDay);
                int h = (int) ((second / 3600) % 24), m = (int) ((second / 60) % 60), s = (int) (second % 60);
                int pid = 1187 + (int) (lines % 2);
                int a = random.nextInt(250), b = random.nextInt(12) + 1, c = random.nextInt(9000);
                String line = switch (composition) {
                    case "noise" -> errorLine(h, m, s, random.nextInt(250_000) < 1000 ? pick(SIGNALS, random) : pick(NOISE, random), pid, lines, a, b, c);
                    case "lookalike" -> errorLine(h, m, s, random.nextInt(250_000) < 1000 ? pick(SIGNALS, random)
                            : random.nextInt(3) == 0 ? pick(NOISE, random) : pick(LOOKALIKES, random), pid, lines, a, b, c);
                    case "signals" -> errorLine(h, m, s, random.nextInt(3) == 0 ? pick(SIGNALS, random) : pick(NOISE, random), pid, lines, a, b, c);
                    case "access" -> accessLine(h, m, s, random);
                    case "long" -> longLine(h, m, s, pid, lines, random);
                    default -> throw new IllegalArgumentException("no composition " + composition + " (noise, lookalike, signals, access, long)");
                };
                byte[] out1 = (line + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(out1);
                written += out1.length;
                lines++;
            }
        }
        System.out.printf("wrote %s (%s): %,d lines, %,d bytes%n", file, composition, lines, written);
    }

    static String pick(String[] from, Random random) {
        return from[random.nextInt(from.length)];
    }

    static String errorLine(int h, int m, int s, String format, int pid, long n, int a, int b, int c) {
        return String.format("2024/03/01 %02d:%02d:%02d ", h, m, s) + String.format(format, pid, n, a, b, c);
    }

    static String accessLine(int h, int m, int s, Random random) {
        int roll = random.nextInt(100);
        int status = roll < 1 ? 502 : roll < 2 ? 504 : roll < 8 ? 304 : roll < 10 ? 404 : 200;
        String page = pick(PAGES, random);
        String method = page.contains("admin-ajax") ? "POST" : "GET";
        return String.format("198.51.100.%d - - [01/%s/2024:%02d:%02d:%02d +0000] \"%s %s HTTP/2.0\" %d %d \"https://shop.example.com/\" \"%s\"",
                random.nextInt(250), MONTHS[2], h, m, s, method, page, status, status == 200 ? 5000 + random.nextInt(90000) : 0, pick(AGENTS, random));
    }

    static String longLine(int h, int m, int s, int pid, long n, Random random) {
        var query = new StringBuilder("/shop/?");
        int length = 2000 + random.nextInt(6000);
        while (query.length() < length) query.append("filter_").append(random.nextInt(99)).append('=').append(Long.toHexString(random.nextLong())).append('&');
        String cookie = "wordpress_logged_in_" + Long.toHexString(random.nextLong());
        boolean signal = random.nextInt(250_000) < 1000;
        String message = signal
                ? "upstream sent too big header while reading response header from upstream"
                : "open() \"/var/www/html" + query.substring(0, Math.min(200, query.length())).replace('?', '_') + "\" failed (2: No such file or directory)";
        return String.format("2024/03/01 %02d:%02d:%02d [error] %d#%d: *%d %s, client: 198.51.100.%d, server: shop.example.com, request: \"GET %s HTTP/2.0\", "
                + "upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\", referrer: \"https://shop.example.com%s&%s\"",
                h, m, s, pid, pid, n, message, random.nextInt(250), query, query, cookie);
    }
}
