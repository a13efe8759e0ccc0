package dev.gatewaydoctor.privacy;

import dev.gatewaydoctor.TestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets planted in a fact set never reach the CLI's text or JSON output, unless --no-redact; what the diagnosis needs stays. */
class RedactionTest {

    private static final List<String> SECRETS = List.of(
            "203.0.113.45", "198.51.100.77", "2001:db8::dead:beef", "jane.doe@example.org", "s3cr3t-reset-token-991",
            "wp_prod_admin", "eyJhbGciOiJIUzI1NiJ9.payload.sig", "9f8e7d6c5b4a");

    private static final String FACTS = """
            {"factset": 1, "name": "Secrets in every corner",
             "facts": [
              {"type": "http", "status": 502, "url": "https://shop.example.com/my-account/lost-password/?key=s3cr3t-reset-token-991&login=jane"},
              {"type": "log", "source": "nginx-error", "line": "2024/03/01 12:04:17 [crit] 1187#1187: *1 connect() to unix:/run/php/php7.4-fpm.sock failed (2: No such file or directory) while connecting to upstream, client: 203.0.113.45, server: shop.example.com, request: \\"GET /my-account/lost-password/?key=s3cr3t-reset-token-991&login=jane HTTP/2.0\\", upstream: \\"fastcgi://unix:/run/php/php7.4-fpm.sock:\\", host: \\"shop.example.com\\", referrer: \\"https://admin:hunter2@shop.example.com/wp-admin/\\""},
              {"type": "log", "source": "apache-error", "line": "[Wed Mar 06 09:12:44.118266 2024] [proxy_fcgi:error] [pid 21408:tid 1398] [client 198.51.100.77:50122] AH01071: Got error 'PHP message: PHP Fatal error:  Uncaught Error: Call to undefined function each() in /var/www/html/wp-content/themes/oldmag/functions.php:12'"},
              {"type": "log", "source": "nginx-error", "line": "2024/03/01 12:04:18 [error] 1187#1187: *2 connect() failed (111: Connection refused) while connecting to upstream, client: 2001:db8::dead:beef, server: shop.example.com, request: \\"GET / HTTP/2.0\\", upstream: \\"fastcgi://10.0.2.15:9000\\", host: \\"shop.example.com\\""},
              {"type": "log", "source": "wp-debug", "line": "[01-Mar-2024 12:04:19 UTC] PHP Fatal error:  Uncaught Exception: mail to jane.doe@example.org failed (session wordpress_logged_in_0a1b=jane%7C9f8e7d6c5b4a), Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig in /var/www/html/wp-content/plugins/mailer-pro/send.php:12"},
              {"type": "log", "source": "php-error", "line": "PHP Warning:  mysqli_real_connect(): (HY000/1045): Access denied for user 'wp_prod_admin'@'localhost' (using password: YES) in /var/www/html/wp-includes/class-wpdb.php on line 1982"},
              {"type": "log", "source": "nginx-access", "line": "192.0.2.201 - - [01/Mar/2024:12:04:20 +0000] \\"GET /?wordpress_logged_in_c0ffee1234abcd=jane HTTP/2.0\\" 502 166 \\"-\\" \\"Mozilla/5.0\\""},
              {"type": "event", "kind": "php-upgraded", "subject": "7.4 -> 8.2"}
             ]}
            """;

    private static String run(Path file, String... extra) {
        TestCli.Run r = TestCli.diagnose(file, extra);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void noPlantedSecretReachesTextOrJsonOutput(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("secrets.json");
        Files.writeString(file, FACTS);
        for (String output : List.of(run(file), run(file, "--json"))) {
            for (String secret : SECRETS) assertThat(output).as("redacted output").doesNotContain(secret);
            // What the diagnosis needs stays: the socket, the errno, the plugin, the upstream address.
            assertThat(output).contains("php7.4-fpm.sock", "upstream-address-mismatch", "[client-ip]");
        }
        // The JSON lists every cause with its evidence, so the refused upstream's address shows there.
        assertThat(run(file, "--json")).contains("10.0.2.15:9000");
    }

    @Test
    void noRedactKeepsThemForThoseWhoOwnTheData(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("secrets.json");
        Files.writeString(file, FACTS);
        String output = run(file, "--no-redact") + run(file, "--no-redact", "--json");
        // Every planted secret is in the unredacted output: the redacted test above is not passing for want of them.
        for (String secret : SECRETS) assertThat(output).as("unredacted output").contains(secret);
    }

    @Test
    void theRulesOfRedactionOneByOne() {
        assertThat(Redactor.redact("client: 203.0.113.45, server: x")).isEqualTo("client: [client-ip], server: x");
        assertThat(Redactor.redact("[client 198.51.100.7:5012] AH01079")).isEqualTo("[client [client-ip]] AH01079");
        assertThat(Redactor.redact("upstream: \"fastcgi://10.0.0.12:9000\"")).isEqualTo("upstream: \"fastcgi://10.0.0.12:9000\"");
        assertThat(Redactor.redact("GET /?token=abc123&page=2")).isEqualTo("GET /?token=[redacted]&page=2");
        assertThat(Redactor.redact("https://bob:pw@example.com/")).isEqualTo("https://[redacted]@example.com/");
        assertThat(Redactor.redact("Cookie: wordpress_logged_in_ab12=bob%7C1700")).isEqualTo("Cookie: [redacted]");
        assertThat(Redactor.redact("Access denied for user 'shop'@'localhost'")).isEqualTo("Access denied for user '[db-user]'@'localhost'");
        assertThat(Redactor.redact("mail to a.b@example.co.uk failed")).isEqualTo("mail to [email] failed");
        assertThat(Redactor.redact("nginx-access: 192.0.2.1 - - [01/Mar/2024:12:04:20 +0000] \"GET /\""))
                .isEqualTo("nginx-access: [client-ip] - - [01/Mar/2024:12:04:20 +0000] \"GET /\"");
        assertThat(Redactor.redact("connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable)"))
                .isEqualTo("connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable)");
        assertThat(Redactor.redact("2024/03/01 12:04:17 [error] 1187#1187: *5")).isEqualTo("2024/03/01 12:04:17 [error] 1187#1187: *5");
    }
}
