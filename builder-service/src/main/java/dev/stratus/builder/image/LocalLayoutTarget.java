package dev.stratus.builder.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.TarImage;
import dev.stratus.common.image.ImageReference;
import dev.stratus.common.image.OciLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded registry: Jib writes an OCI layout tarball, whose blobs are added to the repository's layout
 * directory and whose manifest is tagged there. Nothing listens on a port.
 */
public class LocalLayoutTarget implements ImageTarget {
    private final OciLayout layout;

    public LocalLayoutTarget(OciLayout layout) {
        this.layout = layout;
    }

    @Override
    public Containerizer containerizer(ImageReference reference, Path scratch) throws Exception {
        return Containerizer.to(TarImage.at(scratch.resolve("image.tar"))
                .named(com.google.cloud.tools.jib.api.ImageReference.parse(reference.toString())));
    }

    @Override
    public String publish(ImageReference reference, JibContainer container, Path scratch) throws IOException {
        String manifest = container.getDigest().toString();
        try (InputStream file = Files.newInputStream(scratch.resolve("image.tar"));
             TarArchiveInputStream tar = new TarArchiveInputStream(file)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && entry.getName().startsWith("blobs/sha256/")) {
                    String digest = "sha256:" + entry.getName().substring("blobs/sha256/".length());
                    layout.putBlob(reference.repository(), digest, tar);
                }
            }
        }
        layout.tag(reference.repository(), reference.tag(), manifest,
                Files.size(layout.blob(reference.repository(), manifest)));
        return reference.toString();
    }
}
