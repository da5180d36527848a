package dev.stratus.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch folders of builds and downloads: only renamed results are ever read, so what is left is harmless. */
public final class ScratchFolders {

    private ScratchFolders() {
    }

    /** Deletes the folder and what it holds, as far as it can; null or a missing folder is nothing to do. */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover scratch folder is never read, and the temp dir's cleaner takes it in the end
        }
    }
}
