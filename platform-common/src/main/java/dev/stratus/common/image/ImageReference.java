package dev.stratus.common.image;

/**
 * {@code <registry host>/<repository path>:<tag>}, as the builder tags images and the runtime pulls them.
 * The host part names the registry; with the embedded store it is only a label.
 */
public record ImageReference(String registry, String repository, String tag) {

    public static ImageReference parse(String reference) {
        int slash = reference.indexOf('/');
        int colon = reference.lastIndexOf(':');
        if (slash <= 0 || colon < slash) {
            throw new IllegalArgumentException("image references look like host/repository:tag, got " + reference);
        }
        return new ImageReference(reference.substring(0, slash), reference.substring(slash + 1, colon),
                reference.substring(colon + 1));
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + tag;
    }
}
