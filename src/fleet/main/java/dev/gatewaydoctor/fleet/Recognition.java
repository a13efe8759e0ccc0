package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.engine.DiagnoserAccess;
import dev.gatewaydoctor.ingest.LogIngest;
import dev.gatewaydoctor.recognition.LogRecognizer;

import java.util.function.Supplier;

/**
 * The line reader of the rules a Diagnoser uses now: when a watched rules directory reloads, its message families may
 * change, and the next line is read with the new ones. The reader (its signal-word automaton) is built once per rules
 * version, not per line.
 */
final class Recognition implements Supplier<LogIngest> {

    private record Built(LogRecognizer recognizer, LogIngest ingest) {
    }

    private final Diagnoser doctor;
    private volatile Built built;

    Recognition(Diagnoser doctor) {
        this.doctor = doctor;
    }

    @Override
    public LogIngest get() {
        LogRecognizer now = DiagnoserAccess.knowledge(doctor).recognizer();
        Built b = built;
        if (b == null || b.recognizer() != now) {
            b = new Built(now, new LogIngest(now));
            built = b;
        }
        return b.ingest();
    }
}
