package dev.gatewaydoctor.service;

import dev.gatewaydoctor.facts.Expectation;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetWriter;
import dev.gatewaydoctor.facts.Provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Confirmed cases as fact-set files for {@code replay --score}: each with its facts as kept, an {@code expect}
 * from its outcome (the cause and the fix that really worked) and a {@code provenance} naming the case. What
 * support people confirm becomes a corpus the rules are measured on, as the public incidents are.
 */
public final class CaseExport {

    /** The {@code provenance.url} of an exported case: the case's id, which the service answers at /api/v1/diagnoses/ID. */
    public static final String URL_PREFIX = "gatewaydoctor:case:";

    private CaseExport() {
    }

    /**
     * Writes {@code case-ID.json} into the directory for every confirmed case of the store, replacing files of the
     * same name.
     *
     * @return the files written, oldest case first
     */
    public static List<Path> confirmed(CaseStore store, Path dir) throws IOException {
        Files.createDirectories(dir);
        var written = new ArrayList<Path>();
        for (CaseStore.Case c : store.confirmed()) {
            Path file = dir.resolve("case-" + c.id() + ".json");
            Files.writeString(file, FactSetWriter.write(asSample(c)), StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }

    static FactSet asSample(CaseStore.Case c) {
        FactSet kept = c.factSet();
        StoredDiagnosis.Outcome o = c.outcome();
        var expect = new Expectation(o.cause() == null ? null : List.of(o.cause()), o.fix() == null ? null : List.of(o.fix()), null, null,
                null, null);
        String basis = "outcome recorded on " + o.at().atOffset(ZoneOffset.UTC).toLocalDate()
                + (o.fix() == null ? "" : ": " + o.fix() + " fixed it") + (o.note() == null ? "" : " (" + o.note() + ")");
        String name = kept.name() != null ? kept.name() : (c.label() == null ? "case " + c.id() : c.label() + ", case " + c.id());
        return new FactSet(name, kept.site(), kept.facts(), expect, List.of(),
                new Provenance(URL_PREFIX + c.id(), basis, c.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString()));
    }
}
