package dev.gatewaydoctor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** `serve`: the one command that starts the service, and its refusals. */
class ServeCommandTest {

    @Test
    void boundToEveryAddressWithoutATokenItRefusesToStartSayingSo() {
        var out = new StringWriter();
        var err = new StringWriter();
        var cmd = new ServeCommand();
        cmd.environment = name -> null;
        var cli = new CommandLine(cmd);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("--bind", "0.0.0.0", "--port", "0");
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("needs a bearer token").contains("--token-file").contains("GATEWAYDOCTOR_TOKEN")
                .contains("refusing to start");
    }

    @Test
    void itServesUntilStoppedWithTheTokenFromItsFile(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "t0ken-for-tests\n");
        var err = new StringWriter();
        var cmd = new ServeCommand();
        var cli = new CommandLine(cmd);
        cli.setErr(new PrintWriter(err, true));
        var code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(cli.execute("--port", "0", "--token-file", tokenFile.toString(),
                "--data", dir.resolve("data").toString())));
        serving.start();
        var serving_on = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");
        long until = System.nanoTime() + 60_000_000_000L;
        java.util.regex.Matcher m;
        while (!(m = serving_on.matcher(err.toString())).find()) {
            assertThat(System.nanoTime()).as(err.toString()).isLessThan(until);
            Thread.sleep(50);
        }
        String base = "http://127.0.0.1:" + m.group(1);
        var http = HttpClient.newHttpClient();
        var without = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/causes")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(without.statusCode()).isEqualTo(401);
        var with = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/causes")).header("Authorization", "Bearer t0ken-for-tests").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(err.toString()).contains("rules: bundled").contains("bearer token required").contains("cases kept in jdbc:h2:file:");
        assertThat(dir.resolve("data/cases.mv.db")).as("the case store, created on first start").exists();
        cmd.stop.countDown();
        serving.join(30_000);
        assertThat(code.get()).isZero();
    }

    @Test
    void aCaseStoreItCannotOpenIsToldWithItsUrlAndExitTwo(@TempDir Path dir) {
        var err = new StringWriter();
        var cli = new CommandLine(new ServeCommand());
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("--port", "0", "--database", "jdbc:nosuchdatabase://db.example/cases?user=u&password=secret");
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("cannot open the case store jdbc:nosuchdatabase://db.example/cases?user=u&password=***")
                .doesNotContain("secret").doesNotContain("\tat ");
    }
}
