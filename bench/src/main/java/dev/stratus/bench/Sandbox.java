package dev.stratus.bench;

import dev.stratus.runtime.instance.SandboxDirectories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the runtime has on disk for a function: its unpacked revision and its live instances' sockets. */
final class Sandbox {
    private final SandboxDirectories dirs;

    Sandbox(Path dataDir) {
        this.dirs = new SandboxDirectories(dataDir.toString(), "");
    }

    SandboxDirectories dirs() {
        return dirs;
    }

    /** Sockets of the function's running instances (one folder per instance, named after the function). */
    List<Path> sockets(Deployed function) {
        try (Stream<Path> entries = Files.list(dirs.instances())) {
            return entries.filter(dir -> dir.getFileName().toString().startsWith(function.id().substring(0, 8)))
                    .map(dir -> dir.resolve("http.sock")).filter(Files::exists).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unpacked revision holding exactly this function's code. */
    Path revision(Deployed function) {
        try (Stream<Path> entries = Files.list(dirs.revisions())) {
            return entries.filter(dir -> holds(dir.resolve("fn").resolve(function.handlerFile()), function.code()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no unpacked revision for " + function));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean holds(Path file, String content) {
        try {
            return Files.exists(file) && Files.readString(file).equals(content);
        } catch (IOException e) {
            return false;
        }
    }
}
