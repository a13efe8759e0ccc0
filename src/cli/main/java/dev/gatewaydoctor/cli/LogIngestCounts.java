package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.ingest.LogIngest;

import java.util.Locale;

/** "1,204,331 lines, 2,117 with signals in 9 kinds": what reading a log kept, in a few words. */
final class LogIngestCounts {

    private LogIngestCounts() {
    }

    static String of(LogIngest.Result r) {
        return String.format(Locale.ROOT, "%,d lines, %,d with signals in %,d kind%s", r.linesRead(), r.signalLines(), r.lines().size(),
                r.lines().size() == 1 ? "" : "s")
                + (r.requestRates().isEmpty() ? "" : String.format(Locale.ROOT, ", request rates in %,d slots", r.requestRates().size()));
    }
}
