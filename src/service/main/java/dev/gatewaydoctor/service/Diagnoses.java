package dev.gatewaydoctor.service;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.IncidentBuilder;
import dev.gatewaydoctor.KnownNames;
import dev.gatewaydoctor.checks.Answers;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetException;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.facts.Observation;
import dev.gatewaydoctor.privacy.Redactor;
import dev.gatewaydoctor.report.JsonReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the service does with a diagnosis, apart from HTTP: diagnose an incident and keep it, add the answer
 * to a next check, record what really fixed it. Every answer is the JSON of {@code diagnose --json}, plus its id.
 */
final class Diagnoses {

    private static final SecureRandom IDS = new SecureRandom();

    private final Diagnoser doctor;
    private final DiagnosisStore store;
    private final boolean redact;
    private final ServiceMetrics metrics;
    private final CaseStore cases;

    /**
     * @param store the live sessions, in memory: their facts unredacted, for the answers that follow
     * @param cases the record of every case, as shown (redacted unless the service runs with --no-redact)
     */
    Diagnoses(Diagnoser doctor, DiagnosisStore store, CaseStore cases, boolean redact, ServiceMetrics metrics) {
        this.doctor = Objects.requireNonNull(doctor, "doctor");
        this.store = Objects.requireNonNull(store, "store");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.redact = redact;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Keeps the case live and in the record; answers what the client is shown. */
    private ObjectNode keep(StoredDiagnosis kept) {
        store.put(kept);
        ObjectNode shown = shown(kept);
        FactSet facts = redact ? Redactor.redact(kept.facts()) : kept.facts();
        var top = kept.diagnosis().topCause();
        cases.save(new CaseStore.Case(kept.id(), kept.label(), kept.at(), Instant.now(), kept.diagnosis().rulesVersion(),
                top == null ? null : top.id(), dev.gatewaydoctor.facts.FactSetWriter.write(facts), shown.toString(), kept.outcome()));
        return shown;
    }

    /** A fact-set document, read as the CLI reads a file: a bad one is a 400 with the CLI's message and position. */
    static FactSet readFactSet(String name, InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (IOException e) {
            throw Problem.badRequest("unreadable-body", "Unreadable request body", name + ": cannot read: " + e.getMessage());
        }
        try {
            return new FactSetReader().read(name, bytes);
        } catch (FactSetException e) {
            throw badFactSet(e);
        }
    }

    static Problem badFactSet(FactSetException e) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("file", e.file());
        if (e.line() > 0) {
            fields.put("line", e.line());
            fields.put("column", e.column());
        }
        if (e.pointer() != null) fields.put("pointer", e.pointer());
        return new Problem(400, "bad-fact-set", "Not a valid fact set", e.getMessage(), fields);
    }

    /** A new incident: what the builder gathered, diagnosed and kept under a new id. */
    ObjectNode diagnose(String label, FactSet facts) {
        String id = newId();
        Diagnosis d = doctor.diagnose(facts);
        var kept = new StoredDiagnosis(id, label, facts, d, null, Instant.now());
        ObjectNode shown = keep(kept);
        metrics.diagnosed(d);
        return shown;
    }

    /** The builder of a new incident, for the multipart inputs. */
    IncidentBuilder incident() {
        return doctor.incident();
    }

    /**
     * The diagnosis, live or from the record (after a restart, or once memory let it go: its kept facts are
     * diagnosed again, with the rules in use), or a 404.
     */
    StoredDiagnosis find(String id) {
        var live = store.find(id);
        if (live.isPresent()) return live.get();
        CaseStore.Case c = cases.find(id).orElseThrow(() -> Problem.notFound("no diagnosis " + id
                + " (unknown, deleted, or older than the service's retention)"));
        FactSet facts = c.factSet();
        var kept = new StoredDiagnosis(id, c.label(), facts, doctor.diagnose(facts), c.outcome(), c.createdAt());
        store.put(kept);
        return kept;
    }

    /** Forgets the case, live and recorded; a 404 when there was none. */
    void delete(String id) {
        boolean live = store.remove(id);
        boolean recorded = cases.delete(id);
        if (!live && !recorded) throw Problem.notFound("no diagnosis " + id + " (unknown, deleted, or older than the service's retention)");
    }

    /** The diagnosis again, with the answer to one check among its facts. */
    ObjectNode answer(String id, JsonNode body) {
        StoredDiagnosis kept = find(id);
        if (body == null || !body.isObject() || !body.path("observation").isTextual() || body.path("answer").isMissingNode()
                || body.path("answer").isNull()) {
            throw Problem.badRequest("bad-answer", "Not an answer",
                    "expected {\"observation\": \"NAME\", \"answer\": true, false, a number or text}");
        }
        String given = body.get("observation").asText();
        // The checks this diagnosis asked come first: some ask for a log, which no fact-set name stands for.
        String observation;
        String kind;
        boolean otherAnswer = false;
        var asked = doctor.nextChecks(kept.facts(), kept.diagnosis()).stream().filter(c -> c.observation().equals(given)).findFirst();
        if (asked.isPresent()) {
            observation = given;
            kind = asked.get().answerKind();
        } else {
            KnownNames names = doctor.vocabulary();
            observation = canonical(given, names);
            kind = names.observations().get(observation).answer();
            otherAnswer = names.observations().get(observation).opposites().contains(given);
        }
        JsonNode answer = body.get("answer");
        // A name for the other answer ("cli-succeeds" for "cli-also-crashes"): yes to it is no to the check.
        if (otherAnswer && answer.isBoolean()) answer = com.fasterxml.jackson.databind.node.BooleanNode.valueOf(!answer.booleanValue());
        FactSet more;
        try {
            more = withAnswer(kept.facts(), observation, kind, answer);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("bad-answer", "Not an answer to this check", observation + ": " + e.getMessage());
        } catch (IOException e) {
            throw Problem.badRequest("bad-answer", "Not an answer to this check", observation + ": cannot read the log: " + e.getMessage());
        }
        Diagnosis again = doctor.diagnose(more);
        StoredDiagnosis updated = kept.withFacts(more, again);
        ObjectNode shown = keep(updated);
        metrics.answered();
        return shown;
    }

    private FactSet withAnswer(FactSet facts, String observation, String kind, JsonNode answer) throws IOException {
        if ("log".equals(kind)) {
            if (!answer.isTextual()) throw new IllegalArgumentException("expected the log's lines as text");
            // The log's lines join the record, as --interactive adds a log asked for mid-way.
            FactSet log = doctor.incident().log(IncidentBuilder.AUTO, observation, new StringReader(answer.asText())).build();
            FactSet more = facts;
            for (var fact : log.facts()) if (fact instanceof dev.gatewaydoctor.facts.LogLine line) more = more.with(line);
            return more;
        }
        if (answer.isBoolean()) {
            if (kind != null && !kind.equals("yes-no")) throw new IllegalArgumentException("expected a number, found " + answer);
            return facts.with(Observation.of(observation, answer.booleanValue()));
        }
        if (answer.isNumber()) {
            if ("yes-no".equals(kind)) throw new IllegalArgumentException("expected true or false, found " + answer);
            return facts.with(Observation.of(observation, answer.doubleValue()));
        }
        if (!answer.isTextual()) throw new IllegalArgumentException("expected true, false, a number or text, found " + answer);
        if (kind == null) return facts.with(Observation.of(observation, answer.asText()));
        return facts.with(Answers.observation(observation, kind, answer.asText()));
    }

    /** The observation's own name, for it, an alias of it or a name of its other answer; a 400 naming the closest known ones otherwise. */
    private static String canonical(String given, KnownNames names) {
        if (names.observations().containsKey(given)) return given;
        for (var e : names.observations().entrySet()) {
            if (e.getValue().aliases().contains(given) || e.getValue().opposites().contains(given)) return e.getKey();
        }
        throw unknown("observation", given, names.observations().keySet());
    }

    /** Records what really fixed it; ids are checked against the knowledge. */
    Map<String, Object> outcome(String id, JsonNode body) {
        StoredDiagnosis kept = find(id);
        if (body == null || !body.isObject()) {
            throw Problem.badRequest("bad-outcome", "Not an outcome", "expected {\"fix\": \"FIX-ID\", \"cause\": \"CAUSE-ID\", \"note\": \"...\"}");
        }
        String fix = text(body, "fix");
        String cause = text(body, "cause");
        String note = text(body, "note");
        if (fix == null && cause == null) {
            throw Problem.badRequest("bad-outcome", "Not an outcome", "name the fix that worked (\"fix\") or the real cause (\"cause\"), or both");
        }
        KnownNames names = doctor.vocabulary();
        if (fix != null && !names.fixes().containsKey(fix)) throw unknown("fix", fix, names.fixes().keySet());
        if (cause != null && !names.causes().containsKey(cause)) throw unknown("cause", cause, names.causes().keySet());
        var outcome = new StoredDiagnosis.Outcome(fix, cause, note, Instant.now());
        keep(kept.withOutcome(outcome));
        metrics.outcome();
        var answer = new LinkedHashMap<String, Object>();
        answer.put("id", id);
        if (fix != null) answer.put("fix", fix);
        if (cause != null) answer.put("cause", cause);
        if (note != null) answer.put("note", note);
        answer.put("at", outcome.at().toString());
        return answer;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() || v.asText().isBlank()) throw Problem.badRequest("bad-outcome", "Not an outcome", field + ": expected text");
        return v.asText();
    }

    private static Problem unknown(String what, String given, java.util.Collection<String> known) {
        // The same suggestions as the CLI's "did you mean".
        var closest = dev.gatewaydoctor.knowledge.Vocabulary.closest(given, known);
        return new Problem(400, "unknown-" + what, "Unknown " + what, "no " + what + " \"" + given + "\" in the rules in use"
                + (closest.isEmpty() ? "" : "; closest: " + String.join(", ", closest)), Map.of("closest", closest));
    }

    /** The JSON of diagnose --json, visitors' data redacted unless the service runs with --no-redact, with its id first. */
    ObjectNode shown(StoredDiagnosis kept) {
        Diagnosis d = kept.diagnosis();
        var checks = doctor.nextChecks(kept.facts(), d);
        Diagnosis shown = redact ? Redactor.redact(d) : d;
        ObjectNode report = JsonReport.tree(kept.label(), shown, checks, doctor.whyNot(shown), ServiceWords::of);
        ObjectNode withId = report.objectNode();
        withId.put("id", kept.id());
        withId.setAll(report);
        return withId;
    }

    /** 128 random bits: ids cannot be guessed, so one client cannot read another's diagnoses by counting. */
    private static String newId() {
        byte[] b = new byte[16];
        IDS.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
