package dev.stratus.runtime.instance;

import java.util.List;

/**
 * What makes stem cells interchangeable: the same command, started in the same folder, with the same image files
 * besides the code (the wrapper, in {@code /stratus}): {@code imageDigest} covers those files' names and content.
 */
record StemCellKind(List<String> command, String workingDir, String imageDigest) {

    @Override
    public String toString() {
        return String.join(" ", command) + " (" + imageDigest.substring(0, 12) + ")";
    }
}
