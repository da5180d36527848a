package dev.stratus.runtime.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A revision's image unpacked on disk, with what its config says about starting it. */
public record RevisionFiles(Path root, String digest, List<String> entrypoint, Map<String, String> environment,
                            String workingDir) {
}
