package dev.stratus.runtime.instance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one instance runs: a materialised revision ({@code root} holds the image's files), the command from the
 * image, and the environment the function gets (namespace and function variables, decrypted secrets).
 */
public record InstanceSpec(
        String functionId,
        long revision,
        Path root,
        List<String> command,
        String workingDir,
        Map<String, String> environment,
        int memoryLimitMb) {
}
