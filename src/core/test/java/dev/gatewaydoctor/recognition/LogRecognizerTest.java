package dev.gatewaydoctor.recognition;

import dev.gatewaydoctor.facts.LogLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What recognition does in Java, whatever the families say: undoing what pasting does, cutting nginx's
 * wrapper into PHP messages, and deriving fields. Each family's own lines are its fixtures in
 * rules/families/, run by FamiliesTest.
 */
class LogRecognizerTest {

    private final LogRecognizer recognizer = dev.gatewaydoctor.TestRules.recognizer();

    private LogSignal only(String line) {
        List<LogSignal> signals = recognizer.recognize(new LogLine("other", line, null));
        assertThat(signals).as("signals of: %s", line).hasSize(1);
        return signals.get(0);
    }

    @Test
    void severalPhpMessagesInOneNginxLine() {
        List<LogSignal> s = recognizer.recognize(new LogLine("nginx-error", "2024/02/12 09:31:02 [error] 1#1: *1 FastCGI sent in stderr: \"PHP message: PHP Fatal error:  Uncaught Error: x in /var/www/wp-content/plugins/a/a.php:1PHP message: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 8192 bytes) in /var/www/wp-content/themes/b/functions.php on line 2\" while reading upstream", null));
        assertThat(s).extracting(LogSignal::family).containsExactly("php-fatal-error", "php-memory-exhausted");
        assertThat(s).extracting(LogSignal::component).containsExactly("a", "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "php_1  | 2024/03/01 12:04:17 [error] 21#21: *9 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, server: _, request: \"GET / HTTP/1.1\", upstream: \"fastcgi://172.18.0.3:9000\", host: \"localhost\"",
            "nginx-1 | 2024/03/01 12:04:17 [error] 21#21: *9 connect() failed (111: Connection refused) while connecting to upstream",
            "2024-03-01T12:04:17.123456789Z stderr F 2024/03/01 12:04:17 [error] 21#21: *9 connect() failed (111: Connection refused) while connecting to upstream",
            "Mar 01 12:04:17 web1 nginx[811]: 2024/03/01 12:04:17 [error] 21#21: *9 connect() failed (111: Connection refused) while connecting to upstream",
            "connect() failed (111: Connection refused) while connecting to upstream, client: xxx.xxx.xxx.xxx, server: example.com",
            "\u201Cconnect() failed (111: Connection refused) while connecting to upstream, upstream: \u201Cfastcgi://127.0.0.1:9000\u201D\u201D",
            // retyped through a Chinese input method: fullwidth quotes, colon and parentheses
            "connect\uFF08\uFF09 failed \uFF08111\uFF1A Connection refused\uFF09 while connecting to upstream, upstream: \uFF02fastcgi://127.0.0.1:9000\uFF02"
    })
    void prefixesFragmentsAndPastedQuotesDoNotMatter(String line) {
        LogSignal s = only(line);
        assertThat(s.family()).isEqualTo("upstream-connect-failed");
        assertThat(s.errno()).isEqualTo(111);
    }

    @Test
    void theFactsOwnTimeOverridesTheLines() {
        var at = java.time.Instant.parse("2025-01-01T00:00:00Z");
        assertThat(recognizer.recognize(new LogLine("nginx-error", "2024/03/01 12:04:17 [error] 1#1: *1 no live upstreams while connecting to upstream", at)).get(0).time())
                .isEqualTo(at);
    }

    @Test
    void upstreamsAreReadAsPhpLocalOrNamed() {
        LogSignal socket = only("2024/03/01 12:04:17 [crit] 1#1: *1 connect() to unix:/run/php/php7.4-fpm.sock failed (2: No such file or directory) while connecting to upstream, client: 1.2.3.4, server: _, request: \"GET / HTTP/1.1\", upstream: \"fastcgi://unix:/run/php/php7.4-fpm.sock:\", host: \"x\"");
        assertThat(socket.upstreamIsPhp()).isTrue();
        assertThat(socket.upstreamIsLocal()).isTrue();
        assertThat(socket.upstreamPhpVersion()).isEqualTo("7.4");
        assertThat(socket.upstreamAddress()).isEqualTo("unix:/run/php/php7.4-fpm.sock");
        LogSignal remote = only("2024/03/11 13:20:17 [error] 2101#2101: *77120 connect() failed (113: No route to host) while connecting to upstream, client: 192.0.2.10, server: www.example.edu, request: \"GET / HTTP/1.1\", upstream: \"http://10.0.2.15:8080/\", host: \"www.example.edu\"");
        assertThat(remote.upstreamIsPhp()).isFalse();
        assertThat(remote.upstreamIsLocal()).isFalse();
        assertThat(remote.upstreamIsIp()).isTrue();
        assertThat(remote.upstreamAddress()).isEqualTo("10.0.2.15:8080");
        LogSignal apache = only("[Wed Mar 06 09:12:44.118203 2024] [proxy:error] [pid 21408:tid 139863412283072] (111)Connection refused: AH00957: FCGI: attempt to connect to 127.0.0.1:9000 (*) failed");
        assertThat(apache.upstreamIsPhp()).isTrue();
        assertThat(apache.upstreamAddress()).isEqualTo("127.0.0.1:9000");
    }


    @Test
    void whatPastingDoesToALineIsUndone() {
        // A forum page's entities, a Docker JSON record's escapes, a terminal's wrap: the same nginx line.
        String plain = "connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, upstream: \"fastcgi://172.18.0.3:9000\"";
        for (String pasted : new String[]{
                plain.replace("\"", "&quot;"),
                "{\"log\":\"" + plain.replace("\"", "\\\"") + "\\n\",\"stream\":\"stderr\",\"time\":\"2024-03-01T12:04:17.1Z\"}",
                plain.replace(" while connecting", "\nwhile connecting"),
                plain + "\r"}) {
            LogSignal s = only(pasted);
            assertThat(s.family()).as(pasted).isEqualTo("upstream-connect-failed");
            assertThat(s.upstream()).as(pasted).isEqualTo("fastcgi://172.18.0.3:9000");
        }
    }

    @Test
    void fieldsAreDerivedFromWhatTheLineGives() {
        // The errno's name from its number, the number from a text alone, the signal's number from its name.
        assertThat(only("connect() failed (113: Host is unreachable) while connecting to upstream").errnoName()).isEqualTo("EHOSTUNREACH");
        LogSignal byText = only("[proxy:error] pid 12721:tid 2934961200Permission denied: AH00952: FCGI: error creating fam 2 socket for target 127.0.0.1");
        assertThat(byText.errno()).isEqualTo(13);
        assertThat(only("2020-04-11 13:10:00,063 INFO exited: php-fpm (terminated by SIGKILL; not expected)").signal()).isEqualTo(9);
        // A plugin's slug from a Windows path.
        assertThat(only("Fatal error: Maximum execution time of 60 seconds exceeded in C:\\xampp\\htdocs\\wp-content\\plugins\\upstream\\upstream.php on line 84").plugin())
                .isEqualTo("upstream");
    }

    @Test
    void rememberedLinesGoWithTheLinesAndTheirSignalsNameTheLineAskedFor() throws Exception {
        LogRecognizer r = dev.gatewaydoctor.TestRules.knowledge().recognizer();
        String text = "2024/03/01 12:04:17 [error] 1187#1187: *88231 connect() to unix:/run/php/php8.2-fpm.sock failed "
                + "(11: Resource temporarily unavailable) while connecting to upstream";
        List<LogSignal> read = r.recognizeNew(new LogLine("other", text, null), java.time.ZoneOffset.UTC);
        int before = r.rememberedLines();
        var kept = new java.util.ArrayList<LogLine>();
        for (int i = 0; i < 2000; i++) {
            LogLine line = new LogLine("nginx-error", text + " #" + i, null);
            r.remember(line, read, null);
            kept.add(line);
        }
        assertThat(r.recognize(kept.get(7), null)).singleElement().satisfies(s -> assertThat(s.log()).isSameAs(kept.get(7)));
        assertThat(r.rememberedLines()).isGreaterThanOrEqualTo(before + 2000);
        kept.clear();
        for (int i = 0; i < 20 && r.rememberedLines() >= before + 2000; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(r.rememberedLines()).as("entries whose lines nobody holds are dropped").isLessThan(before + 2000);
    }

    private static Family family(String id, String regex, List<String> yieldsTo) {
        return new Family(id, id + ".yaml", "nginx", List.of(regex), Family.Unit.LINE,
                List.of(new Family.Alternative(LinePattern.compile(regex), null, java.util.Map.of())),
                List.of(), List.of(), yieldsTo, List.of());
    }

    // A family that yields is read last and left unread once what it yields to matched; a family that is
    // yielded to is always read, so that a chain (a yields to b, b to c) still drops b and keeps c.
    @Test
    void aFamilyYieldsToTheOneThatTakesTheLineAndAlongAChain() {
        var r = new LogRecognizer(List.of(family("a", "alpha", List.of("b")), family("b", "beta", List.of("c")), family("c", "gamma", List.of())));
        java.util.function.Function<String, List<String>> families = line ->
                r.recognize(new LogLine("other", line, null)).stream().map(LogSignal::family).toList();
        assertThat(families.apply("alpha")).containsExactly("a");
        assertThat(families.apply("alpha beta")).containsExactly("b");
        assertThat(families.apply("alpha beta gamma")).containsExactly("c");
        assertThat(families.apply("alpha gamma")).containsExactly("a", "c");
        assertThat(families.apply("beta gamma")).containsExactly("c");
    }
}
