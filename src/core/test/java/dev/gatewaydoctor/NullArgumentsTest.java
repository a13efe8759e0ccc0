package dev.gatewaydoctor;

import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetReader;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API refuses a null where it needs a value, at once, with the parameter's name: never a NullPointerException from deep inside. */
class NullArgumentsTest {

    @Test
    void everyRequiredArgumentIsRefusedByName() {
        Diagnoser doctor = TestRules.diagnoser();
        FactSet facts = FactSet.builder().build();
        Diagnosis d = doctor.diagnose(facts);
        var calls = new LinkedHashMap<String, ThrowingCallable>();
        calls.put("facts", () -> doctor.diagnose((FactSet) null));
        calls.put("factSetFile", () -> doctor.diagnose((Path) null));
        calls.put("rulesDir", () -> Diagnoser.fromDirectory(null));
        calls.put("writable", () -> Diagnoser.fromDirectory(Path.of("rules"), null));
        calls.put("onReload", () -> Diagnoser.watching(Path.of("rules"), null));
        calls.put("clock", () -> doctor.withClock(null));
        calls.put("diagnosis", () -> doctor.nextChecks(facts, null));
        calls.put("diagnosis ", () -> doctor.whyNot(null));
        calls.put("file", () -> doctor.incident().curl((Path) null));
        calls.put("name", () -> doctor.incident().har(null, java.io.InputStream.nullInputStream()));
        calls.put("source", () -> doctor.incident().logLine(null, "x"));
        calls.put("line", () -> doctor.incident().logLine("auto", null));
        calls.put("site", () -> doctor.incident().site(null));
        calls.put("zone", () -> doctor.incident().timezone(null));
        calls.put("set", () -> doctor.incident().factSet("x", (FactSet) null));
        calls.put("more", () -> doctor.incident().facts(null));
        calls.put("fact", () -> FactSet.builder().fact(null));
        calls.put("line ", () -> FactSet.builder().log("nginx-error", null));
        calls.put("name ", () -> FactSet.builder().observation(null, true));
        calls.put("outcome", () -> FactSet.builder().tried("restart-php-fpm", null));
        calls.put("other", () -> facts.withSite(null));
        calls.put("file ", () -> new FactSetReader().read((Path) null));
        calls.put("json", () -> new FactSetReader().read("x", (String) null));
        calls.put("answer", () -> new NextCheck("retry-succeeds", "?", java.util.List.of(), "yes-no", 0.5, java.util.List.of(), "seconds")
                .answer(facts, null));
        for (Map.Entry<String, ThrowingCallable> call : calls.entrySet()) {
            assertThatThrownBy(call.getValue()).as("null for %s", call.getKey()).isInstanceOf(NullPointerException.class)
                    .hasMessage(call.getKey().strip());
        }
        assertThatThrownBy(() -> doctor.nextChecks(null, d)).isInstanceOf(NullPointerException.class).hasMessage("facts");
    }
}
