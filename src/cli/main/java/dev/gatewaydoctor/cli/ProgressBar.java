package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.ingest.LogIngest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reading a large log at a terminal: bytes read, rate and time left, redrawn in place on standard
 * error at most a few times a second. Nothing when standard error is not a terminal (a pipe, a file,
 * a support tool), and never on standard output.
 */
final class ProgressBar implements LogIngest.Progress, AutoCloseable {

    private static final long MIN_SIZE = 32L * 1024 * 1024;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final String name;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(PrintWriter err, String name, long total) {
        this.err = err;
        this.name = name;
        this.total = total;
    }

    /** A bar for a file big enough to wait for, when standard error is a terminal; else one that draws nothing. */
    static ProgressBar forFile(PrintWriter err, Path file) throws IOException {
        long size = Files.size(file);
        return new ProgressBar(stderrIsTerminal() && size >= MIN_SIZE ? err : null, file.getFileName().toString(), size);
    }

    /** Java cannot ask whether standard error is a terminal; Linux can tell where file descriptor 2 leads. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    @Override
    public void bytesRead(long bytes) {
        if (err == null) return;
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? bytes / seconds : 0;
        String left = rate > 0 && total > bytes ? String.format(Locale.ROOT, ", %.0f s left", (total - bytes) / rate) : "";
        err.print(String.format(Locale.ROOT, "\r  reading %s: %s of %s, %s/s%s   ", name, size(bytes), size(total), size((long) rate), left));
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        if (err != null && drawn) {
            err.print("\r" + " ".repeat(78) + "\r");
            err.flush();
        }
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }
}
