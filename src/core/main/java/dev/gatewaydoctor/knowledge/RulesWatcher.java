package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.RulesException;
import dev.gatewaydoctor.RulesReload;
import dev.gatewaydoctor.WritableRules;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a rules directory and recompiles it in the background when its content changes. It reads
 * the directory's content hash a few times a second, which is cheap (a few dozen small files) and,
 * unlike file-system events, also sees a directory swapped under a symlink by a deployment. It
 * compiles only a content that has held still for one interval, so that an editor's half-written
 * save is not reported as broken rules.
 */
public final class RulesWatcher implements AutoCloseable {

    private final Path dir;
    private final WritableRules writable;
    private final Consumer<Knowledge> swap;
    private final Consumer<RulesReload> listener;
    private final ScheduledExecutorService timer;
    private String served;
    private String seen;

    /**
     * @param served   the version now in use
     * @param swap     called with new knowledge that compiled; it must publish it atomically
     * @param listener told of every reload, good or broken
     */
    public RulesWatcher(Path dir, WritableRules writable, String served, Duration interval, Consumer<Knowledge> swap,
                        Consumer<RulesReload> listener) {
        this.dir = dir;
        this.writable = writable;
        this.served = served;
        this.seen = served;
        this.swap = swap;
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatewaydoctor-rules-watcher " + dir);
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(10, interval.toMillis());
        timer.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            String now = KnowledgeLoader.versionOf(dir);
            boolean settled = now.equals(seen);
            seen = now;
            if (!settled || now.equals(served)) return;
            served = now; // a broken version is reported once, not on every poll
            try {
                Knowledge k = KnowledgeLoader.fromDirectory(dir, writable);
                swap.accept(k);
                listener.accept(new RulesReload(true, k.version(), k.warnings(), Instant.now()));
            } catch (RulesException e) {
                listener.accept(new RulesReload(false, now, e.problems(), Instant.now()));
            }
        } catch (RulesException e) {
            // The directory is unreadable for now (being replaced?): the next poll tries again.
        } catch (RuntimeException e) {
            listener.accept(new RulesReload(false, seen, List.of(new RuleProblem(dir.toString(), 0, 0,
                    "reloading failed: " + e.getClass().getSimpleName() + ": " + e.getMessage())), Instant.now()));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
