package dev.gatewaydoctor.service;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.IncidentBuilder;
import dev.gatewaydoctor.RulesException;
import dev.gatewaydoctor.WritableRules;
import dev.gatewaydoctor.facts.FactSetException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.Part;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The diagnosis service on Javalin (Jetty): its routes, the safety checks every request passes (rate limit,
 * bearer token, body size) and the problem details of every error. docs/service.md is its reference and
 * src/service/main/resources/openapi.json its OpenAPI document.
 */
public final class DiagnosisServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Requests that the probes of an orchestrator make, which carry no token. */
    private static final List<String> OPEN = List.of("/healthz", "/readyz", "/", "/page.js", "/page.css");
    /**
     * The page's policy: its own script and style only, no inline code, no frames, no forms posted anywhere, calls
     * to this service only. A ticket's text can then never run as script, even if it reached the page as HTML.
     */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> PAGE_FILES = Map.of("/", "index.html", "/page.js", "page.js", "/page.css", "page.css");
    private static final String PROBLEM_SHOWN = "gatewaydoctor.problem";

    private final ServiceSettings settings;
    private final Diagnoser doctor;
    private final DiagnosisStore store;
    private final ServiceMetrics metrics;
    private final Diagnoses diagnoses;
    private final RateLimiter rate;
    private final TokenCheck token;
    private final Javalin app;
    private final CaseStore cases;
    private final java.util.concurrent.ScheduledExecutorService retention;
    private volatile boolean ready;

    private DiagnosisServer(ServiceSettings settings, Diagnoser doctor, DiagnosisStore store, CaseStore cases, ServiceMetrics metrics,
                            Consumer<String> log) {
        this.settings = settings;
        this.doctor = doctor;
        this.store = store;
        this.cases = cases;
        this.metrics = metrics;
        this.diagnoses = new Diagnoses(doctor, store, cases, settings.redact(), metrics);
        this.retention = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatewaydoctor-retention");
            t.setDaemon(true);
            return t;
        });
        this.rate = new RateLimiter(settings.requestsPerMinute());
        this.token = settings.token() == null ? null : new TokenCheck(settings.token());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            // Uploaded logs past 1 MB wait on disk, not in the heap, until the incident builder streams them.
            config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            config.jetty.multipartConfig.maxTotalRequestSize(settings.maxBodyBytes(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxFileSize(settings.maxBodyBytes(), SizeUnit.BYTES);
            config.routes.before(this::guard);
            PAGE_FILES.forEach((path, file) -> config.routes.get(path, ctx -> page(ctx, file)));
            config.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
            config.routes.get("/readyz", this::readiness);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
            config.routes.post("/api/v1/diagnoses", this::diagnose);
            config.routes.post("/api/v1/diagnoses/{id}/answers", ctx -> send(ctx, 200, diagnoses.answer(ctx.pathParam("id"), body(ctx))));
            config.routes.post("/api/v1/diagnoses/{id}/outcome", ctx -> send(ctx, 200, diagnoses.outcome(ctx.pathParam("id"), body(ctx))));
            config.routes.get("/api/v1/diagnoses/{id}", ctx -> send(ctx, 200, diagnoses.shown(diagnoses.find(ctx.pathParam("id")))));
            config.routes.delete("/api/v1/diagnoses/{id}", ctx -> {
                diagnoses.delete(ctx.pathParam("id"));
                ctx.status(204);
            });
            config.routes.get("/api/v1/vocabulary", ctx -> send(ctx, 200, doctor.vocabulary()));
            config.routes.get("/api/v1/causes", ctx -> send(ctx, 200, idsAndTitles(doctor.vocabulary().causes())));
            config.routes.get("/api/v1/fixes", ctx -> send(ctx, 200, idsAndTitles(doctor.vocabulary().fixes())));
            config.routes.after(ctx -> metrics.request(ctx.method().name(), ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path,
                    ctx.statusCode(), elapsed(ctx)));
            config.routes.exception(Problem.class, (e, ctx) -> problem(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, e.getStatus() == 413
                    ? Problem.tooLarge(settings.maxBodyBytes()) : new Problem(e.getStatus(), "http-" + e.getStatus(), e.getMessage(), e.getMessage())));
            config.routes.exception(dev.gatewaydoctor.RuleFaultException.class, (e, ctx) -> problem(ctx,
                    new Problem(500, "rule-fault", "A rule failed", e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (oversize(e)) {
                    problem(ctx, Problem.tooLarge(settings.maxBodyBytes()));
                    return;
                }
                // A bug of ours: the operator's log gets the trace, the client one line without it.
                var trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                log.accept("internal error on " + ctx.method() + " " + ctx.path() + ": " + trace);
                problem(ctx, new Problem(500, "internal-error", "Internal error", "the service failed on this request: " + e.getClass().getSimpleName()));
            });
            config.routes.error(404, "*", ctx -> {
                if (ctx.attribute(PROBLEM_SHOWN) == null) problem(ctx, Problem.notFound("no such resource: " + ctx.method() + " " + ctx.path()));
            });
        });
    }

    /**
     * Starts the service as set; the rules are the bundled ones, or {@code settings.rulesDir()} watched (edits go live).
     *
     * @param log where reloads of the rules are told (standard error for {@code serve})
     * @throws IllegalArgumentException when the settings are unsafe (bound beyond loopback without a token)
     * @throws RulesException           when the rules directory cannot be used
     */
    public static DiagnosisServer start(ServiceSettings settings, WritableRules writable, Consumer<String> log) throws RulesException {
        String refusal = settings.refusal();
        if (refusal != null) throw new IllegalArgumentException(refusal);
        var store = new MemoryDiagnosisStore(settings.storeCapacity());
        var metrics = new ServiceMetrics(store::size);
        Diagnoser doctor = settings.rulesDir() == null ? Diagnoser.withBundledRules()
                : Diagnoser.watching(settings.rulesDir(), writable, reload -> {
                    metrics.reloaded(reload);
                    log.accept(reload.applied() ? "rules reloaded: version " + reload.version()
                            : "rules not reloaded, the last good ones keep serving: " + reload.problems());
                });
        CaseStore cases;
        try {
            cases = CaseStore.open(settings.databaseUrl());
        } catch (RuntimeException e) {
            doctor.close();
            throw e;
        }
        var server = new DiagnosisServer(settings, doctor, store, cases, metrics, log);
        try {
            server.app.start(settings.bind(), settings.port());
        } catch (RuntimeException e) {
            doctor.close();
            cases.close();
            throw e;
        }
        if (settings.retention() != null) {
            server.retention.scheduleWithFixedDelay(() -> {
                try {
                    int gone = cases.deleteCreatedBefore(java.time.Instant.now().minus(settings.retention()));
                    if (gone > 0) log.accept("retention: deleted " + gone + " case(s) diagnosed more than " + settings.retention().toDays() + " days ago");
                } catch (RuntimeException e) {
                    log.accept("retention: " + e.getMessage());
                }
            }, 0, 1, java.util.concurrent.TimeUnit.HOURS);
        }
        server.ready = true;
        return server;
    }

    /** The port it listens on (the one picked, for port 0). */
    public int port() {
        return app.port();
    }

    /** The rules in use, as the CLI announces them. */
    public Diagnoser doctor() {
        return doctor;
    }

    /** Where the cases are kept, without a password. */
    public String cases() {
        return cases.where();
    }

    /** The routes the server answers, "METHOD PATH", for the OpenAPI document's test. */
    List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    /** Stops taking requests, then stops watching the rules. */
    @Override
    public void close() {
        ready = false;
        app.stop();
        retention.shutdownNow();
        doctor.close();
        cases.close();
    }

    /** One file of the agent's page, from the jar, with its policy. */
    private static void page(Context ctx, String file) throws IOException {
        try (InputStream in = DiagnosisServer.class.getResourceAsStream("/gatewaydoctor/page/" + file)) {
            if (in == null) throw new IllegalStateException("the page's " + file + " is missing from the jar");
            String type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js") ? "text/javascript; charset=utf-8"
                    : "text/css; charset=utf-8";
            ctx.header("Content-Security-Policy", PAGE_POLICY);
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    /**
     * Rate limit, cross-site requests, token, body size: in this order, so that guessing tokens is rate limited too.
     * A browser sends Sec-Fetch-Site and Origin with every request that changes something; one from another site
     * (a page a support agent happens to visit) is refused, so no other site can post to the service through the
     * agent's browser. Support tools call without either header and are not concerned.
     */
    private void guard(Context ctx) {
        ctx.attribute("gatewaydoctor.start", System.nanoTime());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        String path = ctx.path();
        if (path.startsWith("/api/")) {
            long wait = rate.acquire(ctx.ip());
            if (wait > 0) {
                ctx.header("Retry-After", Long.toString(wait));
                throw new Problem(429, "rate-limited", "Too many requests", "more than " + settings.requestsPerMinute()
                        + " requests a minute from " + ctx.ip() + "; retry in " + wait + " s", Map.of("retryAfterSeconds", wait));
            }
        }
        if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD") && crossSite(ctx)) {
            throw new Problem(403, "cross-site-request", "Cross-site request refused", "a request from another site ("
                    + (ctx.header("Origin") == null ? "Sec-Fetch-Site: cross-site" : "Origin " + ctx.header("Origin"))
                    + ") may not change anything here; call the service from its own page or from a tool");
        }
        if (token != null && !OPEN.contains(path) && !token.accepts(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Problem(401, "unauthorized", "Unauthorized", ctx.header("Authorization") == null
                    ? "this service needs a bearer token: Authorization: Bearer TOKEN" : "the bearer token is not the service's");
        }
        long length = ctx.req().getContentLengthLong();
        if (length > settings.maxBodyBytes()) {
            ctx.header("Connection", "close");
            if (length <= BoundedBody.drainLimit(settings.maxBodyBytes())) {
                try {
                    BoundedBody.discard(ctx.req().getInputStream(), length);
                } catch (IOException unreadable) {
                    // Nothing to drain: the 413 follows regardless.
                }
            }
            throw Problem.tooLarge(settings.maxBodyBytes());
        }
    }

    private static boolean crossSite(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) return true;
        String origin = ctx.header("Origin");
        if (origin == null) return false;
        String host = ctx.header("Host");
        return host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private static long elapsed(Context ctx) {
        Long start = ctx.attribute("gatewaydoctor.start");
        return start == null ? 0 : System.nanoTime() - start;
    }

    private void readiness(Context ctx) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("status", ready ? "ready" : "stopping");
        answer.put("rules", Map.of("source", doctor.rulesSource(), "version", doctor.rulesVersion()));
        send(ctx, ready ? 200 : 503, answer);
    }

    /** A fact-set JSON body, or multipart inputs gathered by the incident builder. */
    private void diagnose(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        ObjectNode answer;
        if (type.startsWith("multipart/form-data")) {
            answer = diagnoses.diagnose("combined input", multipart(ctx));
        } else if (type.startsWith("application/json") || type.isEmpty()) {
            answer = diagnoses.diagnose("request body", Diagnoses.readFactSet("request body", bounded(ctx)));
        } else {
            throw new Problem(415, "unsupported-media-type", "Unsupported media type",
                    "send a fact set as application/json, or inputs as multipart/form-data (docs/service.md)");
        }
        ctx.header("Location", "/api/v1/diagnoses/" + answer.get("id").asText());
        send(ctx, 201, answer);
    }

    /**
     * The parts, in the incident builder's order: the timezone and window first (they decide how logs are read),
     * then fact sets, logs, curl transcripts, HAR exports and tickets. Logs are streamed from their parts.
     */
    private dev.gatewaydoctor.facts.FactSet multipart(Context ctx) {
        ctx.uploadedFiles(); // lets Javalin set the multipart limits on the request before the parts are read
        List<Part> parts;
        try {
            parts = new ArrayList<>(ctx.req().getParts());
        } catch (Exception e) {
            if (oversize(e)) throw Problem.tooLarge(settings.maxBodyBytes());
            throw Problem.badRequest("bad-multipart", "Unreadable multipart body", "cannot read the parts: " + e.getMessage());
        }
        IncidentBuilder incident = diagnoses.incident();
        try {
            ZoneId zone = null;
            Instant since = null;
            Instant until = null;
            for (Part p : parts) {
                switch (p.getName()) {
                    case "timezone" -> zone = zone(text(p));
                    case "since" -> since = time("since", text(p));
                    case "until" -> until = time("until", text(p));
                    default -> { }
                }
            }
            if (zone != null) incident.timezone(zone);
            incident.window(since, until);
            for (Part p : parts) if (p.getName().equals("factset")) incident.factSet(name(p), bounded(p));
            for (Part p : parts) {
                if (p.getName().equals("log")) incident.log(IncidentBuilder.AUTO, name(p), bounded(p));
                else if (p.getName().startsWith("log.")) incident.log(p.getName().substring(4), name(p), bounded(p));
            }
            for (Part p : parts) if (p.getName().equals("curl")) incident.curl(name(p), new InputStreamReader(bounded(p), StandardCharsets.UTF_8));
            for (Part p : parts) if (p.getName().equals("har")) incident.har(name(p), bounded(p));
            for (Part p : parts) if (p.getName().equals("ticket")) incident.ticket(name(p), text(p));
            for (Part p : parts) {
                String n = p.getName();
                if (!List.of("timezone", "since", "until", "factset", "log", "curl", "har", "ticket").contains(n) && !n.startsWith("log.")) {
                    throw Problem.badRequest("bad-multipart", "Unknown part", "unknown part \"" + n
                            + "\": expected factset, ticket, log, log.SOURCE, curl, har, timezone, since, until");
                }
            }
        } catch (FactSetException e) {
            throw Diagnoses.badFactSet(e);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("bad-input", "Bad input", e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw Problem.badRequest("bad-input", "Unreadable input", e.getMessage());
        }
        return incident.build();
    }

    private InputStream bounded(Context ctx) {
        try {
            return new BoundedBody(ctx.req().getInputStream(), settings.maxBodyBytes());
        } catch (IOException e) {
            throw Problem.badRequest("unreadable-body", "Unreadable request body", e.getMessage());
        }
    }

    private InputStream bounded(Part p) throws IOException {
        return new BoundedBody(p.getInputStream(), settings.maxBodyBytes());
    }

    private String text(Part p) throws IOException {
        try (InputStream in = bounded(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String name(Part p) {
        return p.getSubmittedFileName() != null && !p.getSubmittedFileName().isBlank() ? p.getSubmittedFileName() : p.getName();
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("timezone " + text.strip() + ": expected a time zone such as Europe/Berlin or +02:00");
        }
    }

    private static Instant time(String field, String text) {
        try {
            return java.time.OffsetDateTime.parse(text.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(field + " " + text.strip() + ": expected a time such as 2024-03-01T10:00:00Z");
        }
    }

    private static JsonNode body(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw Problem.badRequest("bad-json", "Not JSON", "the request body is not a JSON document: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static List<Map<String, String>> idsAndTitles(Map<String, String> titles) {
        return titles.entrySet().stream().map(e -> Map.of("id", e.getKey(), "title", e.getValue())).toList();
    }

    private static void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("answers are records, maps and trees, which always serialise", e);
        }
    }

    private static void problem(Context ctx, Problem p) {
        ctx.attribute(PROBLEM_SHOWN, true);
        try {
            ctx.status(p.status()).contentType("application/problem+json").result(JSON.writeValueAsString(p.document()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a problem is a map of strings and numbers", e);
        }
    }

    /** Whether a failure is Jetty's or ours refusing a body past the limit. */
    private static boolean oversize(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Problem p && p.status() == 413) return true;
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("exceeds") || m.contains("too large") || m.contains("max") && m.contains("size")) return true;
        }
        return false;
    }

    private static String openApi() throws IOException {
        try (InputStream in = DiagnosisServer.class.getResourceAsStream("/gatewaydoctor/openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
