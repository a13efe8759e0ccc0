package dev.gatewaydoctor.recognition;

import dev.gatewaydoctor.facts.LogLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Verbatim lines as nginx, Apache, PHP-FPM, PHP, WordPress, MySQL/MariaDB, the kernel and systemd print them. */
class LogRecognizerTest {

    private final LogRecognizer recognizer = dev.gatewaydoctor.TestRules.recognizer();

    private LogSignal only(String line) {
        List<LogSignal> signals = recognizer.recognize(new LogLine("other", line, null));
        assertThat(signals).as("signals of: %s", line).hasSize(1);
        return signals.get(0);
    }

    @Test
    void nginxConnectFailuresWithEachErrno() {
        LogSignal eagain = only("2024/03/01 12:04:17 [error] 1187#1187: *88231 connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream, client: 203.0.113.45, server: shop.example.com, request: \"GET /checkout/?add=1 HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"");
        assertThat(eagain.family()).isEqualTo("upstream-connect-failed");
        assertThat(eagain.errno()).isEqualTo(11);
        assertThat(eagain.errnoName()).isEqualTo("EAGAIN");
        assertThat(eagain.socketPath()).isEqualTo("/run/php/php8.2-fpm.sock");
        assertThat(eagain.request()).isEqualTo("GET /checkout/");
        assertThat(eagain.time()).hasToString("2024-03-01T12:04:17Z");

        LogSignal enoent = only("2023/11/02 08:00:01 [crit] 992#992: *1 connect() to unix:/var/run/php/php7.4-fpm.sock failed (2: No such file or directory) while connecting to upstream, client: 192.0.2.1, server: _, request: \"GET / HTTP/1.1\", upstream: \"fastcgi://unix:/var/run/php/php7.4-fpm.sock:\", host: \"example.com\"");
        assertThat(enoent.errno()).isEqualTo(2);
        assertThat(enoent.errnoMeaning()).isEqualTo("No such file or directory");
        assertThat(enoent.socketPath()).isEqualTo("/var/run/php/php7.4-fpm.sock");

        LogSignal refused = only("2024/01/15 03:12:44 [error] 31#31: *9 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, server: localhost, request: \"GET /wp-login.php HTTP/1.1\", upstream: \"fastcgi://172.18.0.3:9000\", host: \"localhost:8080\"");
        assertThat(refused.errno()).isEqualTo(111);
        assertThat(refused.errnoName()).isEqualTo("ECONNREFUSED");
        assertThat(refused.host()).isEqualTo("172.18.0.3:9000");
        assertThat(refused.upstream()).isEqualTo("fastcgi://172.18.0.3:9000");

        assertThat(only("connect() to unix:/run/php-fpm/www.sock failed (13: Permission denied) while connecting to upstream").errno()).isEqualTo(13);
        assertThat(only("2024/02/02 10:00:00 [error] 7#7: *3 connect() failed (113: No route to host) while connecting to upstream, client: 10.0.0.2, server: a, request: \"GET / HTTP/1.1\", upstream: \"http://10.0.3.7:8080/\", host: \"a\"").host())
                .isEqualTo("10.0.3.7:8080");
        assertThat(only("connect() failed (101: Network is unreachable) while connecting to upstream").errnoName()).isEqualTo("ENETUNREACH");
        assertThat(only("connect() failed (110: Connection timed out) while connecting to upstream").errno()).isEqualTo(110);
    }

    @Test
    void nginxTimeoutsPrematureClosesAndResets() {
        LogSignal timeout = only("2024/05/05 22:10:09 [error] 1201#1201: *3307 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 198.51.100.2, server: example.com, request: \"POST /wp-admin/admin-ajax.php HTTP/1.1\", upstream: \"fastcgi://unix:/run/php/php8.1-fpm.sock\", host: \"example.com\"");
        assertThat(timeout.family()).isEqualTo("upstream-timed-out");
        assertThat(timeout.detail()).isEqualTo("while reading response header from upstream");
        assertThat(only("upstream timed out (110: Operation timed out) while reading upstream").family()).isEqualTo("upstream-timed-out");

        assertThat(only("2024/04/09 09:02:10 [error] 912#912: *5531 upstream prematurely closed connection while reading response header from upstream, client: 203.0.113.9, server: s, request: \"GET /checkout/ HTTP/1.1\", upstream: \"fastcgi://127.0.0.1:9000\", host: \"s\"").family())
                .isEqualTo("upstream-closed-early");
        assertThat(only("upstream prematurely closed FastCGI stdout while reading upstream").family()).isEqualTo("upstream-closed-early");
        LogSignal reset = only("2024/04/09 09:02:10 [error] 912#912: *5531 recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 1.2.3.4, server: s, request: \"GET / HTTP/1.1\", upstream: \"fastcgi://127.0.0.1:9000\", host: \"s\"");
        assertThat(reset.family()).isEqualTo("upstream-closed-early");
        assertThat(reset.errnoName()).isEqualTo("ECONNRESET");
    }

    @Test
    void nginxHeaderBufferResolverAndProtocolFamilies() {
        LogSignal big = only("2024/06/03 14:22:51 [error] 3021#3021: *77012 upstream sent too big header while reading response header from upstream, client: 198.51.100.23, server: news.example.com, request: \"GET /wp-admin/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"news.example.com\"");
        assertThat(big.family()).isEqualTo("upstream-header-too-big");
        assertThat(big.request()).isEqualTo("GET /wp-admin/");
        assertThat(only("2024/06/03 14:22:51 [error] 3021#3021: *1 no live upstreams while connecting to upstream, client: 1.1.1.1, server: a, request: \"GET / HTTP/1.1\", upstream: \"http://backend/\", host: \"a\"").family())
                .isEqualTo("no-live-upstreams");
        LogSignal unresolved = only("2024/07/07 07:07:07 [error] 29#29: *4 wordpress could not be resolved (3: Host not found), client: 172.19.0.1, server: localhost, request: \"GET / HTTP/1.1\", host: \"localhost\"");
        assertThat(unresolved.family()).isEqualTo("upstream-unresolvable");
        assertThat(unresolved.host()).isEqualTo("wordpress");
        assertThat(only("nginx: [emerg] host not found in upstream \"php:9000\" in /etc/nginx/conf.d/default.conf:14").host()).isEqualTo("php:9000");
        LogSignal protocol = only("2024/08/01 10:00:00 [error] 5#5: *12 upstream sent unsupported FastCGI protocol version: 72 while reading response header from upstream, client: 1.2.3.4, server: a, request: \"GET / HTTP/1.1\", upstream: \"fastcgi://127.0.0.1:8080\", host: \"a\"");
        assertThat(protocol.family()).isEqualTo("upstream-protocol-error");
        assertThat(only("upstream sent no valid HTTP/1.0 header while reading response header from upstream").family()).isEqualTo("upstream-protocol-error");
    }

    @Test
    void apacheProxyFcgiForms() {
        LogSignal refused = only("[Fri Mar 01 10:00:00.123456 2024] [proxy:error] [pid 1234:tid 140245] (111)Connection refused: AH00957: FCGI: attempt to connect to 127.0.0.1:9000 (127.0.0.1:9000) failed");
        assertThat(refused.family()).isEqualTo("upstream-connect-failed");
        assertThat(refused.program()).isEqualTo("apache");
        assertThat(refused.errno()).isEqualTo(111);
        assertThat(refused.host()).isEqualTo("127.0.0.1:9000");
        assertThat(refused.time()).hasToString("2024-03-01T10:00:00Z");
        LogSignal socket = only("[Tue Nov 07 11:22:33.444555 2023] [proxy:error] [pid 4321] (2)No such file or directory: AH02454: FCGI: attempt to connect to Unix domain socket /run/php/php7.4-fpm.sock (localhost:8000) failed");
        assertThat(socket.errno()).isEqualTo(2);
        assertThat(socket.socketPath()).isEqualTo("/run/php/php7.4-fpm.sock");
        assertThat(only("[Tue Nov 07 11:22:33.444600 2023] [proxy_fcgi:error] [pid 4321] [client 203.0.113.5:51234] AH01079: failed to make connection to backend: httpd-UDS:0").family())
                .isEqualTo("upstream-connect-failed");
        assertThat(only("[Wed Jan 10 10:10:10.101010 2024] [proxy_fcgi:error] [pid 77:tid 88] [client 1.2.3.4:5] AH01067: Failed to read FastCGI header").family())
                .isEqualTo("upstream-closed-early");
        LogSignal timeout = only("[Wed Jan 10 10:10:10.101010 2024] [proxy_fcgi:error] [pid 77:tid 88] (70007)The timeout specified has expired: [client 1.2.3.4:5] AH01075: Error dispatching request to : (polling)");
        assertThat(timeout.family()).isEqualTo("upstream-timed-out");
        assertThat(timeout.errnoName()).isEqualTo("APR_TIMEUP");
        assertThat(only("[Wed Jan 10 10:10:10.101010 2024] [proxy_http:error] [pid 77] (20014)Internal error (specific information not available): [client 1.2.3.4:5] AH01102: error reading status line from remote server 127.0.0.1:8080").family())
                .isEqualTo("upstream-closed-early");
        LogSignal wrapped = only("[Thu Feb 01 09:00:00.000001 2024] [proxy_fcgi:error] [pid 9:tid 9] [client 1.2.3.4:5] AH01071: Got error 'PHP message: PHP Fatal error:  Uncaught Error: Call to undefined function create_function() in /var/www/html/wp-content/plugins/old-slider/old-slider.php:45\\nStack trace:\\n#0 {main}\\n  thrown in /var/www/html/wp-content/plugins/old-slider/old-slider.php on line 45'");
        assertThat(wrapped.family()).isEqualTo("php-fatal-error");
        assertThat(wrapped.plugin()).isEqualTo("old-slider");
        assertThat(wrapped.function()).isEqualTo("create_function");
    }

    @Test
    void phpFpmWarnings() {
        LogSignal max = only("[01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it");
        assertThat(max.family()).isEqualTo("fpm-max-children-reached");
        assertThat(max.pool()).isEqualTo("www");
        assertThat(max.limit()).isEqualTo(5.0);
        assertThat(max.time()).hasToString("2024-03-01T12:03:58Z");
        assertThat(only("php_1  | [01-Mar-2024 12:03:58] WARNING: [pool www] server reached max_children setting (20), consider raising it").limit())
                .isEqualTo(20.0);
        assertThat(only("Mar 01 12:03:58 web1 php-fpm8.2[811]: [WARNING] [pool example_com] server reached pm.max_children setting (12), consider raising it").pool())
                .isEqualTo("example_com");

        LogSignal timeout = only("[11-Jun-2024 02:15:43] WARNING: [pool www] child 24871, script '/var/www/html/index.php' (request: \"POST /index.php?rest_route=/wc/v3/orders\") execution timed out (60.012993 sec), terminating");
        assertThat(timeout.family()).isEqualTo("fpm-execution-timed-out");
        assertThat(timeout.limit()).isEqualTo(60.012993);
        assertThat(timeout.request()).isEqualTo("POST /index.php");

        LogSignal segv = only("[11-Jun-2024 02:15:44] WARNING: [pool www] child 24871 exited on signal 11 (SIGSEGV - core dumped) after 3.412 seconds from start");
        assertThat(segv.family()).isEqualTo("fpm-child-killed-by-signal");
        assertThat(segv.signal()).isEqualTo(11);
        assertThat(segv.signalName()).isEqualTo("SIGSEGV");
        assertThat(segv.detail()).isEqualTo("core dumped");
        assertThat(only("[11-Jun-2024 02:15:45] WARNING: [pool www] child 300 exited on signal 9 (SIGKILL) after 60.1 seconds from start").signalName())
                .isEqualTo("SIGKILL");
        assertThat(only("[11-Jun-2024 02:15:45] WARNING: [pool www] seems busy (you may need to increase pm.start_servers, or pm.min/max_spare_servers), spawning 8 children, there are 0 idle, and 19 total children").family())
                .isEqualTo("fpm-pool-busy");
    }

    @Test
    void phpFpmStoppedAndFailing() {
        assertThat(only("[05-Sep-2024 06:00:00] ERROR: unable to bind listening socket for address '/run/php/php8.3-fpm.sock': No such file or directory (2)").family())
                .isEqualTo("php-fpm-stopped");
        assertThat(only("Sep 05 06:00:01 web systemd[1]: php8.3-fpm.service: Main process exited, code=exited, status=78/CONFIG").family())
                .isEqualTo("php-fpm-stopped");
        assertThat(only("Sep 05 06:00:01 web systemd[1]: Failed to start The PHP 8.3 FastCGI Process Manager.").program()).isEqualTo("systemd");
    }

    @Test
    void phpFatalsInEveryWrapper() {
        LogSignal memory = only("2024/02/12 09:31:02 [error] 2231#2231: *1204 FastCGI sent in stderr: \"PHP message: PHP Fatal error:  Allowed memory size of 41943040 bytes exhausted (tried to allocate 20480 bytes) in /var/www/blog/wp-includes/class-wp-hook.php on line 324\" while reading response header from upstream, client: 192.0.2.10, server: b, request: \"GET / HTTP/1.1\", upstream: \"fastcgi://unix:/var/run/php/php7.4-fpm.sock:\", host: \"b\"");
        assertThat(memory.family()).isEqualTo("php-memory-exhausted");
        assertThat(memory.memoryLimitBytes()).isEqualTo(41943040L);
        assertThat(memory.memoryLimit()).isEqualTo("40M");
        assertThat(memory.triedBytes()).isEqualTo(20480L);
        assertThat(memory.codeArea()).isEqualTo("core");
        assertThat(memory.message()).doesNotContain("while reading response header");

        LogSignal inPlugin = only("[12-Feb-2024 09:31:02 UTC] PHP Fatal error:  Allowed memory size of 268435456 bytes exhausted (tried to allocate 262144 bytes) in /home/user/public_html/wp-content/plugins/elementor/core/files/base.php on line 55");
        assertThat(inPlugin.plugin()).isEqualTo("elementor");
        assertThat(inPlugin.memoryLimit()).isEqualTo("256M");

        LogSignal theme = only("PHP Parse error:  syntax error, unexpected token \"}\" in /var/www/html/wp-content/themes/astra-child/functions.php on line 12");
        assertThat(theme.family()).isEqualTo("php-fatal-error");
        assertThat(theme.theme()).isEqualTo("astra-child");
        assertThat(theme.codeArea()).isEqualTo("theme");

        LogSignal noPrefix = only("Fatal error: Uncaught Error: Call to undefined function mysql_connect() in /var/www/wp-content/plugins/legacy-db/legacy.php:10");
        assertThat(noPrefix.function()).isEqualTo("mysql_connect");
        assertThat(noPrefix.file()).isEqualTo("/var/www/wp-content/plugins/legacy-db/legacy.php");

        LogSignal mu = only("[03-Mar-2024 03:03:03 UTC] PHP Fatal error:  Uncaught TypeError: count(): Argument #1 ($value) must be of type Countable|array, null given in /srv/www/wp-content/mu-plugins/host-tweaks.php:31");
        assertThat(mu.plugin()).isEqualTo("host-tweaks");
        assertThat(mu.codeArea()).isEqualTo("mu-plugin");

        LogSignal time = only("[09-Apr-2024 09:02:10 Europe/Berlin] PHP Fatal error:  Maximum execution time of 30 seconds exceeded in /var/www/wp-includes/Requests/src/Transport/Curl.php on line 495");
        assertThat(time.family()).isEqualTo("php-max-execution-time");
        assertThat(time.limit()).isEqualTo(30.0);
        assertThat(time.time()).hasToString("2024-04-09T07:02:10Z");

        LogSignal fpmSaid = only("[09-Apr-2024 09:02:10] WARNING: [pool www] child 123 said into stderr: \"NOTICE: PHP message: PHP Fatal error:  Uncaught Error: Class \"WC_Payment_Gateway\" not found in /var/www/wp-content/plugins/swiftpay/swiftpay.php:20\"");
        assertThat(fpmSaid.plugin()).isEqualTo("swiftpay");
    }

    @Test
    void severalPhpMessagesInOneNginxLine() {
        List<LogSignal> s = recognizer.recognize(new LogLine("nginx-error", "2024/02/12 09:31:02 [error] 1#1: *1 FastCGI sent in stderr: \"PHP message: PHP Fatal error:  Uncaught Error: x in /var/www/wp-content/plugins/a/a.php:1PHP message: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 8192 bytes) in /var/www/wp-content/themes/b/functions.php on line 2\" while reading upstream", null));
        assertThat(s).extracting(LogSignal::family).containsExactly("php-fatal-error", "php-memory-exhausted");
        assertThat(s).extracting(LogSignal::component).containsExactly("a", "b");
    }

    @Test
    void databaseFamilies() {
        LogSignal tooMany = only("[01-Mar-2024 10:00:00 UTC] PHP Warning:  mysqli_real_connect(): (HY000/1040): Too many connections in /var/www/html/wp-includes/class-wpdb.php on line 2035");
        assertThat(tooMany.family()).isEqualTo("database-connection-error");
        assertThat(tooMany.errno()).isEqualTo(1040);
        assertThat(tooMany.detail()).isEqualTo("too-many-connections");
        assertThat(only("PHP Warning:  mysqli_real_connect(): (HY000/2002): Connection refused in /var/www/html/wp-includes/class-wpdb.php on line 1982").detail())
                .isEqualTo("cannot-connect");
        assertThat(only("[01-Mar-2024 10:00:00 UTC] WordPress database error MySQL server has gone away for query SELECT option_value FROM wp_options made by require('wp-blog-header.php')").detail())
                .isEqualTo("connection-lost");
        assertThat(only("<h1>Error establishing a database connection</h1>").family()).isEqualTo("database-connection-error");
        LogSignal crash = only("2024-03-01T10:00:00.123456Z 0 [ERROR] [MY-013183] [InnoDB] Assertion failure: ibuf0ibuf.cc:3833:ib::fatal triggered thread 140");
        assertThat(crash.family()).isEqualTo("database-crashed");
        assertThat(crash.time()).hasToString("2024-03-01T10:00:00.123456Z");
        assertThat(crash.detail()).isEqualTo("innodb-assertion");
        assertThat(only("2024-03-01T10:00:00.000000Z 0 [ERROR] mysqld: Out of memory (Needed 16777216 bytes)").detail()).isEqualTo("out-of-memory");
        assertThat(only("240301 10:00:00 mysqld_safe Number of processes running now: 0").detail()).isEqualTo("not-running");
        assertThat(only("mysql-1  | 10:00:00 UTC - mysqld got signal 11 ;").signal()).isEqualTo(11);
        assertThat(only("mysql-1  | 10:00:00 UTC - mysqld got signal 11 ;").detail()).isEqualTo("signal");
        assertThat(only("2024-03-01 10:00:00 0 [ERROR] mariadbd got signal 6 ;").process()).isEqualTo("mariadbd");
    }

    @Test
    void kernelAndSystemFamilies() {
        LogSignal oom = only("[2345678.901234] Out of memory: Killed process 1234 (php-fpm8.1) total-vm:1234567kB, anon-rss:523456kB, file-rss:0kB, shmem-rss:0kB, UID:33 pgtables:1234kB oom_score_adj:0");
        assertThat(oom.family()).isEqualTo("oom-killed");
        assertThat(oom.process()).isEqualTo("php-fpm8.1");
        assertThat(oom.time()).isNull();
        assertThat(only("Mar  1 10:00:00 web kernel: Out of memory: Kill process 2211 (mysqld) score 512 or sacrifice child").process()).isEqualTo("mysqld");
        assertThat(only("Memory cgroup out of memory: Killed process 4242 (php-fpm) total-vm:512000kB").detail()).isEqualTo("memory cgroup (container) limit");
        assertThat(only("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=docker,mems_allowed=0,oom_memcg=/docker/abc,task_memcg=/docker/abc,task=mysqld,pid=991,uid=999").process())
                .isEqualTo("mysqld");

        LogSignal segv = only("[98765.432100] php-fpm8.2[4321]: segfault at 0 ip 00007f3a2b1c0d2e sp 00007ffd1e2f3a40 error 4 in opcache.so[7f3a2b180000+9c000]");
        assertThat(segv.family()).isEqualTo("process-segfault");
        assertThat(segv.process()).isEqualTo("php-fpm8.2");
        assertThat(segv.detail()).isEqualTo("opcache.so");

        LogSignal disk = only("2024/03/01 10:00:00 [crit] 1#1: *5 pwrite() \"/var/lib/nginx/fastcgi/2/00/0000000002\" failed (28: No space left on device), client: 1.2.3.4, server: a, request: \"POST /wp-admin/async-upload.php HTTP/1.1\"");
        assertThat(disk.family()).isEqualTo("disk-full");
        assertThat(disk.errno()).isEqualTo(28);
        assertThat(only("2024-03-01 10:00:00 0 [ERROR] mysqld: Disk full (/tmp/#sql_1_0.MAI); waiting for someone to free some space... (errno: 28 \"No space left on device\")").family())
                .isEqualTo("disk-full");

        LogSignal avc = only("type=AVC msg=audit(1709287200.123:456): avc:  denied  { connectto } for  pid=1234 comm=\"nginx\" path=\"/run/php-fpm/www.sock\" scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:system_r:unconfined_service_t:s0 tclass=unix_stream_socket permissive=0");
        assertThat(avc.family()).isEqualTo("selinux-denied");
        assertThat(avc.process()).isEqualTo("nginx");
        assertThat(avc.socketPath()).isEqualTo("/run/php-fpm/www.sock");
        assertThat(avc.time()).hasToString("2024-03-01T10:00:00Z");
        assertThat(only("avc:  denied  { name_connect } for  pid=88 comm=\"httpd\" dest=9000 scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:unreserved_port_t:s0 tclass=tcp_socket").detail())
                .isEqualTo("name_connect");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "php_1  | 2024/03/01 12:04:17 [error] 21#21: *9 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, server: _, request: \"GET / HTTP/1.1\", upstream: \"fastcgi://172.18.0.3:9000\", host: \"localhost\"",
            "nginx-1 | 2024/03/01 12:04:17 [error] 21#21: *9 connect() failed (111: Connection refused) while connecting to upstream",
            "2024-03-01T12:04:17.123456789Z stderr F 2024/03/01 12:04:17 [error] 21#21: *9 connect() failed (111: Connection refused) while connecting to upstream",
            "Mar 01 12:04:17 web1 nginx[811]: 2024/03/01 12:04:17 [error] 21#21: *9 connect() failed (111: Connection refused) while connecting to upstream",
            "connect() failed (111: Connection refused) while connecting to upstream, client: xxx.xxx.xxx.xxx, server: example.com",
            "\u201Cconnect() failed (111: Connection refused) while connecting to upstream, upstream: \u201Cfastcgi://127.0.0.1:9000\u201D\u201D"
    })
    void prefixesFragmentsAndPastedQuotesDoNotMatter(String line) {
        LogSignal s = only(line);
        assertThat(s.family()).isEqualTo("upstream-connect-failed");
        assertThat(s.errno()).isEqualTo(111);
    }

    @Test
    void unrecognisedLinesGiveNoSignal() {
        assertThat(recognizer.recognize(new LogLine("nginx-access", "203.0.113.5 - - [01/Mar/2024:12:00:00 +0000] \"GET / HTTP/1.1\" 200 5123 \"-\" \"Mozilla/5.0\"", null))).isEmpty();
        assertThat(recognizer.recognize(new LogLine("php-fpm", "[01-Mar-2024 12:00:00] NOTICE: fpm is running, pid 811", null))).isEmpty();
        assertThat(recognizer.recognize(new LogLine("php-error", "[01-Mar-2024 12:00:00 UTC] PHP Deprecated:  Function utf8_encode() is deprecated in /var/www/x.php on line 3", null))).isEmpty();
    }

    @Test
    void theFactsOwnTimeOverridesTheLines() {
        var at = java.time.Instant.parse("2025-01-01T00:00:00Z");
        assertThat(recognizer.recognize(new LogLine("nginx-error", "2024/03/01 12:04:17 [error] 1#1: *1 no live upstreams while connecting to upstream", at)).get(0).time())
                .isEqualTo(at);
    }

    @Test
    void fatalsOnWhatPhpRemovedSayWhichVersionRemovedIt() {
        LogSignal createFunction = only("2024/03/04 09:12:01 [error] 912#912: *431 FastCGI sent in stderr: \"PHP message: PHP Fatal error:  Uncaught Error: Call to undefined function create_function() in /var/www/html/wp-content/plugins/old-slider/includes/widget.php:88\" while reading response header from upstream, client: 198.51.100.8, server: www.example.com, request: \"GET / HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"www.example.com\"");
        assertThat(createFunction.function()).isEqualTo("create_function");
        assertThat(createFunction.removedInPhp()).isEqualTo("8.0");
        assertThat(createFunction.plugin()).isEqualTo("old-slider");

        assertThat(only("PHP Fatal error:  Uncaught Error: Call to undefined function mysql_connect() in /var/www/old/wp-includes/wp-db.php:1570").removedInPhp())
                .isEqualTo("7.0");
        assertThat(only("PHP Fatal error:  Array and string offset access syntax with curly braces is no longer supported in /var/www/html/wp-content/themes/oldmag/lib/parse.php on line 12").removedInPhp())
                .isEqualTo("8.0");
        assertThat(only("PHP Fatal error:  Uncaught Error: Call to undefined function my_theme_setup() in /var/www/html/wp-content/themes/x/functions.php:3").removedInPhp())
                .isNull();
    }

    @Test
    void aMissingRequiredFileIsNamedInsteadOfTheFileThatAskedForIt() {
        LogSignal s = only("[27-Mar-2024 03:02:10 UTC] PHP Fatal error:  Uncaught Error: Failed opening required '/var/www/html/wp-includes/class-wp-block-parser.php' (include_path='.:/usr/share/php') in /var/www/html/wp-settings.php:236");
        assertThat(s.family()).isEqualTo("php-fatal-error");
        assertThat(s.detail()).isEqualTo("missing-file");
        assertThat(s.file()).isEqualTo("/var/www/html/wp-includes/class-wp-block-parser.php");
        assertThat(s.codeArea()).isEqualTo("core");
        LogSignal php7 = only("PHP Fatal error:  require_once(): Failed opening required '/home/site/public_html/wp-includes/load.php' (include_path='.:/opt/alt/php74/usr/share/pear') in /home/site/public_html/wp-settings.php on line 19");
        assertThat(php7.file()).isEqualTo("/home/site/public_html/wp-includes/load.php");
    }

    @Test
    void tlsToAPlainUpstreamIsAProtocolError() {
        LogSignal s = only("2024/04/01 10:00:00 [error] 811#811: *3 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking to upstream, client: 192.0.2.1, server: example.com, request: \"GET / HTTP/1.1\", upstream: \"https://127.0.0.1:8080/\", host: \"example.com\"");
        assertThat(s.family()).isEqualTo("upstream-protocol-error");
        assertThat(s.upstreamAddress()).isEqualTo("127.0.0.1:8080");
        // A client's handshake failing is no upstream's business.
        assertThat(recognizer.recognize(new LogLine("nginx-error", "2024/04/19 10:02:31 [info] 1187#1187: *12 SSL_do_handshake() failed (SSL: error:0A000416:SSL routines::sslv3 alert certificate unknown:SSL alert number 46) while SSL handshaking, client: 172.70.85.14, server: 0.0.0.0:443", null)))
                .isEmpty();
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
    void aWorkerSignalWithTheChildsPidRedactedAsPeoplePasteIt() {
        for (String pid : new String[] {"xxx", "XXXX", "***", "[redacted]"}) {
            LogSignal s = only("PHP-FPM:  child " + pid + " exited on signal 11 (SIGSEGV)");
            assertThat(s.family()).isEqualTo("fpm-child-killed-by-signal");
            assertThat(s.signal()).isEqualTo(11);
        }
    }

    @Test
    void aResetCutBeforeItsWhileClauseIsStillTheUpstreamClosingEarly() {
        LogSignal s = only("NGINX:  recv() failed (104: Connection reset by peer)");
        assertThat(s.family()).isEqualTo("upstream-closed-early");
        assertThat(s.errno()).isEqualTo(104);
        assertThat(s.detail()).contains("ends before");
    }
}
