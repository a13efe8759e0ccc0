package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.facts.HttpResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpTranscriptsTest {

    @Test
    void curlSsILWithARedirectGivesBothResponses() throws Exception {
        String transcript = """
                $ curl -sSIL http://shop.example.com/
                HTTP/1.1 301 Moved Permanently\r
                Server: cloudflare\r
                Location: https://shop.example.com/\r
                CF-RAY: 8f1a2b3c4d5e6f70-FRA\r
                \r
                HTTP/2 502 \r
                date: Fri, 01 Mar 2024 12:04:17 GMT\r
                content-type: text/html; charset=UTF-8\r
                server: cloudflare\r
                cf-ray: 8f1a2b3c4d5e6f71-FRA\r
                cf-cache-status: DYNAMIC\r
                \r
                """;
        var r = HttpTranscripts.curl("curl.txt", new StringReader(transcript), "http://shop.example.com/");
        assertThat(r.responses()).extracting(HttpResponse::status).containsExactly(301, 502);
        HttpResponse last = r.responses().get(1);
        assertThat(last.url()).isEqualTo("https://shop.example.com/");
        assertThat(last.cdn()).isEqualTo("cloudflare");
        assertThat(last.gatewayError()).isTrue();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void curlIKeepsTheBodyThatNamesWhoWroteThePage() throws Exception {
        String transcript = "HTTP/1.1 502 Bad Gateway\nServer: nginx/1.24.0 (Ubuntu)\nContent-Type: text/html\n\n"
                + "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n"
                + "<hr><center>nginx/1.24.0 (Ubuntu)</center>\n</body>\n</html>\n";
        HttpResponse r = HttpTranscripts.curl("curl.txt", new StringReader(transcript), null).responses().get(0);
        assertThat(r.producer()).isEqualTo("nginx");
        assertThat(r.client()).isEqualTo("curl");
    }

    @Test
    void curlVerboseIsReadPastItsRequestAndNotes() throws Exception {
        String transcript = """
                *   Trying 203.0.113.10:443...
                * Connected to shop.example.com (203.0.113.10) port 443
                > GET / HTTP/2
                > Host: shop.example.com
                >
                < HTTP/2 504
                < server: nginx
                < content-type: text/html
                <
                { [176 bytes data]
                """;
        var r = HttpTranscripts.curl("v.txt", new StringReader(transcript), null);
        assertThat(r.responses()).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(504);
            assertThat(x.header("server")).isEqualTo("nginx");
        });
    }

    @Test
    void aFileWithoutAStatusLineSaysSo() throws Exception {
        var r = HttpTranscripts.curl("notes.txt", new StringReader("the site is down\n"), null);
        assertThat(r.responses()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().contains("no HTTP status line found");
    }

    @Test
    void aHarKeepsFailingResponsesAndPagesWithTheirTimes() throws Exception {
        String har = """
                {"log": {"version": "1.2", "creator": {"name": "Firefox"}, "entries": [
                  {"startedDateTime": "2024-03-01T12:04:17.123+01:00", "time": 30211.5,
                   "request": {"method": "GET", "url": "https://shop.example.com/checkout/"},
                   "response": {"status": 504, "headers": [{"name": "Server", "value": "cloudflare"}, {"name": "CF-RAY", "value": "8f1-FRA"}],
                                "content": {"mimeType": "text/html", "text": "PGRpdiBpZD0iY2Ytd3JhcHBlciI+RXJyb3IgY29kZSA1MDQgY2xvdWRmbGFyZTwvZGl2Pg==", "encoding": "base64"}}},
                  {"startedDateTime": "2024-03-01T12:04:18Z", "time": 12,
                   "request": {"method": "GET", "url": "https://shop.example.com/wp-content/themes/x/style.css"},
                   "response": {"status": 200, "headers": [], "content": {"mimeType": "text/css"}}},
                  {"startedDateTime": "2024-03-01T12:04:19Z", "time": -1,
                   "request": {"method": "GET", "url": "https://ads.example.net/"}, "response": {"status": 0, "headers": [], "content": {}}}
                ]}}
                """;
        var r = HttpTranscripts.har("site.har", new ByteArrayInputStream(har.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.responses()).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(504);
            assertThat(x.url()).isEqualTo("https://shop.example.com/checkout/");
            assertThat(x.cdn()).isEqualTo("cloudflare");
            assertThat(x.cdnBranded()).isTrue();
            assertThat(x.latencyMs()).isEqualTo(30212L);
            assertThat(x.at()).hasToString("2024-03-01T11:04:17.123Z");
        });
    }

    @Test
    void somethingElseIsNoHar() {
        assertThatThrownBy(() -> HttpTranscripts.har("x.har", new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(HttpTranscripts.HarException.class).hasMessage("x.har: not a HAR file (expected a JSON object with \"log\")");
        assertThatThrownBy(() -> HttpTranscripts.har("x.har", new ByteArrayInputStream("{\"log\": {\"entries\": [".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(HttpTranscripts.HarException.class).hasMessageStartingWith("x.har:1:");
    }
}
