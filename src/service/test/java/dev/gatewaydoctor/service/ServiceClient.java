package dev.gatewaydoctor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Requests over real HTTP to a started service, as a support tool makes them. */
final class ServiceClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "gatewaydoctor-test-boundary";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    ServiceClient(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    HttpResponse<String> delete(String path) throws Exception {
        return send(request(path).DELETE().build());
    }

    HttpResponse<String> postJson(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> postBytes(String path, String type, byte[] body) throws Exception {
        return send(request(path).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A part: its field name, its file name (null for a plain field) and its bytes. */
    record Part(String name, String filename, byte[] content) {
        static Part text(String name, String text) {
            return new Part(name, null, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    HttpResponse<String> postMultipart(String path, List<Part> parts) throws Exception {
        var body = new ByteArrayOutputStream();
        for (Part p : parts) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\""
                    + (p.filename() == null ? "" : "; filename=\"" + p.filename() + "\"") + "\r\n"
                    + (p.filename() == null ? "" : "Content-Type: application/octet-stream\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(p.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return postBytes(path, "multipart/form-data; boundary=" + BOUNDARY, body.toByteArray());
    }

    private HttpRequest.Builder request(String path) {
        var b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    private HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }
}
