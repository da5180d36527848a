package dev.stratus.builder.runtime;

import jakarta.inject.Singleton;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which interpreter runs a runtime's wrapper, so that a runtime is what its name says. Node runtimes carry their
 * own pinned Node.js in the image (a "runtime" layer at {@link #NODE_IN_IMAGE}); Python runtimes use the host's
 * interpreter of exactly that version, which the sandbox binds read-only with the rest of {@code /usr}.
 */
@Singleton
public class Interpreters {
    public static final String NODE_IN_IMAGE = "/runtime/bin/node";
    private static final Pattern PYTHON = Pattern.compile("python3(\\d{1,2})");
    private final NodeReleases node;

    public Interpreters(NodeReleases node) {
        this.node = node;
    }

    /**
     * @param path     the interpreter's path inside the image
     * @param hostFile the file to put at {@code path} in the image's runtime layer, if the image carries it
     */
    public record Interpreter(String path, Optional<Path> hostFile) {
    }

    public Interpreter of(String runtime) throws RuntimeUnavailableException {
        Optional<NodeRelease> release = NodeRelease.of(runtime);
        if (release.isPresent()) {
            return new Interpreter(NODE_IN_IMAGE, Optional.of(node.binary(release.get())));
        }
        Matcher python = PYTHON.matcher(runtime);
        if (python.matches()) {
            Path interpreter = Path.of("/usr/bin/python3." + python.group(1));
            if (!Files.isExecutable(interpreter)) {
                throw new RuntimeUnavailableException("runtime " + runtime + " is not available on this platform ("
                        + interpreter + " is not installed)");
            }
            return new Interpreter(interpreter.toString(), Optional.empty());
        }
        throw new RuntimeUnavailableException("unknown runtime " + runtime);
    }
}
