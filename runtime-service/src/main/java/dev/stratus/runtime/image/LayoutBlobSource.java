package dev.stratus.runtime.image;

import dev.stratus.common.image.ImageReference;
import dev.stratus.common.image.OciLayout;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/** Reads images the builder wrote to the embedded OCI layout store on this machine. */
final class LayoutBlobSource implements BlobSource {
    private final OciLayout layout;

    LayoutBlobSource(OciLayout layout) {
        this.layout = layout;
    }

    @Override
    public byte[] manifest(ImageReference reference) throws IOException {
        String digest = layout.manifestDigest(reference.repository(), reference.tag()).orElseThrow(() ->
                new FileNotFoundException("image " + reference + " is not in the image store"));
        return Files.readAllBytes(layout.blob(reference.repository(), digest));
    }

    @Override
    public InputStream blob(ImageReference reference, String digest) throws IOException {
        return Files.newInputStream(layout.blob(reference.repository(), digest));
    }
}
