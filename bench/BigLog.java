import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a realistic nginx error log of the given size: mostly ordinary noise (missing files, buffered
 * upstream responses, closed keepalive connections, limited requests) and a few thousand 502-relevant
 * lines of several families spread over a day. Run as a source file: java bench/BigLog.java FILE MB
 */
public class BigLog {
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long bytes = Long.parseLong(args.length > 1 ? args[1] : "1024") * 1024 * 1024;
        var random = new Random(42);
        String[] noise = {
            "[error] %d#%d: *%d open() \"/var/www/html/wp-content/uploads/2019/%02d/banner-%d.jpg\" failed (2: No such file or directory), client: 198.51.100.%d, server: shop.example.com, request: \"GET /wp-content/uploads/2019/%02d/banner-%d.jpg HTTP/2.0\", host: \"shop.example.com\", referrer: \"https://shop.example.com/\"",
            "[warn] %d#%d: *%d an upstream response is buffered to a temporary file /var/lib/nginx/fastcgi/%d/%02d/00000%d while reading upstream, client: 203.0.113.%d, server: shop.example.com, request: \"GET /shop/page/%d/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"",
            "[info] %d#%d: *%d client %d.%d.113.%d closed keepalive connection",
            "[error] %d#%d: *%d limiting requests, excess: 10.%d by zone \"wplogin\", client: 192.0.2.%d, server: shop.example.com, request: \"POST /wp-login.php HTTP/1.1\", host: \"shop.example.com\"",
            "[error] %d#%d: *%d access forbidden by rule, client: 192.0.2.%d, server: shop.example.com, request: \"GET /.env HTTP/1.1\", host: \"shop.example.com\"",
        };
        String[] signals = {
            "[error] %d#%d: *%d connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream, client: 203.0.113.%d, server: shop.example.com, request: \"GET /checkout/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"",
            "[error] %d#%d: *%d upstream timed out (110: Connection timed out) while reading response header from upstream, client: 198.51.100.%d, server: shop.example.com, request: \"POST /wp-admin/admin-ajax.php HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock\", host: \"shop.example.com\"",
            "[error] %d#%d: *%d FastCGI sent in stderr: \"PHP message: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/html/wp-content/plugins/woocommerce/includes/class-wc-cart.php on line 1411\" while reading response header from upstream, client: 198.51.100.%d, server: shop.example.com, request: \"GET /cart/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"",
            "[error] %d#%d: *%d upstream prematurely closed connection while reading response header from upstream, client: 203.0.113.%d, server: shop.example.com, request: \"GET /product/mug/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"",
        };
        long written = 0, lines = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            while (written < bytes) {
                long second = lines * 86_400L / (bytes / 200);
                String time = String.format("2024/03/01 %02d:%02d:%02d ", (second / 3600) % 24, (second / 60) % 60, second % 60);
                String line;
                int pid = 1187 + (int) (lines % 2);
                if (random.nextInt(250_000) < 1000) { // about four thousand a gigabyte
                    line = String.format(signals[random.nextInt(signals.length)], pid, pid, lines, random.nextInt(250));
                } else {
                    int k = random.nextInt(noise.length);
                    int a = random.nextInt(250), b = random.nextInt(12) + 1, c = random.nextInt(9000);
                    line = switch (k) {
                        case 0 -> String.format(noise[0], pid, pid, lines, b, c, a, b, c);
                        case 1 -> String.format(noise[1], pid, pid, lines, c % 10, b, c, a, c);
                        case 2 -> String.format(noise[2], pid, pid, lines, 198, 51, a);
                        case 3 -> String.format(noise[3], pid, pid, lines, c % 1000, a);
                        default -> String.format(noise[4], pid, pid, lines, a);
                    };
                }
                byte[] b = (time + line + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(b);
                written += b.length;
                lines++;
            }
        }
        System.out.printf("wrote %s: %,d lines, %,d bytes%n", file, lines, written);
    }
}
