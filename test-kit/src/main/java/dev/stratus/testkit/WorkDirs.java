package dev.stratus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Throw-away directories under {@code java.io.tmpdir}, each stamped with the JVM that owns it. A JVM killed with
 * {@code kill -9} cannot delete its directories, so every new one first sweeps those whose owner is gone.
 */
final class WorkDirs {
    private static final String OWNER_FILE = "owner";

    private WorkDirs() {
    }

    /** A new directory named {@code prefix...}, after deleting stale ones with the same prefix. */
    static Path createTemp(String prefix) {
        sweep(prefix);
        try {
            Path dir = Files.createTempDirectory(prefix);
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(dir.resolve(OWNER_FILE), self.pid() + " " + startMillis(self).orElse(0L));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes directories with this prefix whose owner JVM no longer runs. */
    static void sweep(String prefix) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            dirs.filter(dir -> dir.getFileName().toString().startsWith(prefix))
                    .filter(dir -> Files.isRegularFile(dir.resolve(OWNER_FILE)))
                    .filter(WorkDirs::ownerIsGone)
                    .forEach(WorkDirs::deleteTree);
        } catch (IOException ignored) {
            // sweeping is a courtesy; never fail a start for it
        }
    }

    /** The pid alone could be reused by now, so the owner's start time must match too. */
    private static boolean ownerIsGone(Path dir) {
        try {
            String[] owner = Files.readString(dir.resolve(OWNER_FILE)).trim().split(" ");
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(owner[0]));
            return process.isEmpty() || !process.get().isAlive()
                    || startMillis(process.get()).map(start -> start != Long.parseLong(owner[1])).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false; // unreadable or half-written: leave it alone
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temp directory is not worth failing a run for; the next sweep retries
        }
    }
}
