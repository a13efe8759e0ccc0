package dev.gatewaydoctor.bench;

import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.Site;

import java.util.Map;

/** The fact sets the benchmarks diagnose: small (5 facts), typical (50, 30 of them log lines), large (2,000). */
final class BenchFacts {

    private static final String[] SIGNAL_LINES = {
            "2024/03/01 12:04:17 [error] 1187#1187: *88231 connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream, client: 203.0.113.45, server: shop.example.com, request: \"GET /checkout/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"",
            "[01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it",
            "2024/03/01 12:05:02 [error] 1187#1187: *88301 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 198.51.100.7, server: shop.example.com, request: \"POST /wp-admin/admin-ajax.php HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock\", host: \"shop.example.com\"",
            "2024/03/01 12:05:09 [error] 1187#1187: *88310 FastCGI sent in stderr: \"PHP message: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/html/wp-content/plugins/woocommerce/includes/class-wc-cart.php on line 1411\" while reading response header from upstream, client: 198.51.100.9, server: shop.example.com, request: \"GET /cart/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"",
            "[01-Mar-2024 12:06:11] WARNING: [pool www] child 21433 exited on signal 11 (SIGSEGV - core dumped) after 1843.201337 seconds from start",
    };

    private static final String[] NOISE_LINES = {
            "203.0.113.7 - - [01/Mar/2024:12:04:02 +0000] \"GET / HTTP/2.0\" 200 48211 \"-\" \"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)\"",
            "66.249.66.1 - - [01/Mar/2024:12:04:05 +0000] \"GET /robots.txt HTTP/1.1\" 200 67 \"-\" \"Mozilla/5.0 (compatible; Googlebot/2.1)\"",
            "2024/03/01 12:04:09 [error] 1187#1187: *5512 open() \"/var/www/html/favicon.ico\" failed (2: No such file or directory), client: 198.51.100.2, server: shop.example.com, request: \"GET /favicon.ico HTTP/2.0\", host: \"shop.example.com\"",
            "[01-Mar-2024 12:00:01] NOTICE: [pool www] child 3141 started",
    };

    private BenchFacts() {
    }

    static FactSet small() {
        return FactSet.builder()
                .http(502, Map.of("Server", "nginx/1.24.0 (Ubuntu)"), "<center>nginx/1.24.0 (Ubuntu)</center>")
                .log("nginx-error", SIGNAL_LINES[0])
                .log("php-fpm", SIGNAL_LINES[1])
                .config("php-fpm.pm.max_children", "5")
                .metric("requests.per.second", 14)
                .build();
    }

    static FactSet typical() {
        var b = FactSet.builder().site(new Site("https://shop.example.com", null, "nginx", null, null, "vps", "8.2", "6.5.2"))
                .http(502, Map.of("Server", "nginx/1.24.0 (Ubuntu)"), "<center>nginx/1.24.0 (Ubuntu)</center>");
        for (int i = 0; i < 30; i++) b.log("nginx-error", i % 3 == 0 ? SIGNAL_LINES[i % SIGNAL_LINES.length] : NOISE_LINES[i % NOISE_LINES.length]);
        String[] metrics = {"cpu.utilization", "memory.utilization", "swap.utilization", "disk.utilization", "requests.per.second",
                "requests.per.second.baseline", "php-fpm.active.processes", "php-fpm.max.children"};
        double[] values = {0.7, 0.6, 0.1, 0.4, 14, 12, 5, 5};
        for (int i = 0; i < metrics.length; i++) b.metric(metrics[i], values[i]);
        b.config("php-fpm.pm.max_children", "5").config("php.memory_limit", "128M").config("wp.WP_MEMORY_LIMIT", "40M")
                .config("nginx.fastcgi_pass", "unix:/run/php/php8.2-fpm.sock").config("php-fpm.listen", "/run/php/php8.2-fpm.sock");
        b.event("plugin-updated", "woocommerce").event("core-updated", "6.5.2").event("config-edited", "www.conf");
        b.observation("retry-succeeds", false).observation("php-fpm-running", true).observation("plugins-disabled-succeeds", false);
        return b.build();
    }

    static FactSet large() {
        var b = FactSet.builder().http(502, Map.of("Server", "nginx"), "<center>nginx</center>");
        for (int i = 0; i < 1500; i++) b.log("nginx-error", i % 10 == 0 ? SIGNAL_LINES[i % SIGNAL_LINES.length] : NOISE_LINES[i % NOISE_LINES.length]);
        for (int i = 0; i < 300; i++) b.metric("custom.metric." + i, i);
        for (int i = 0; i < 99; i++) b.config("custom.config." + i, String.valueOf(i));
        for (int i = 0; i < 50; i++) b.event("incident", "outage " + i);
        for (int i = 0; i < 50; i++) b.observation("custom-check-" + i, i % 2 == 0);
        return b.build();
    }
}
