package dev.stratus.builder.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JibContainer;

import java.io.IOException;
import java.nio.file.Path;

/** Where built images go: the embedded OCI layout store, or an OCI registry. */
public interface ImageTarget {

    /** A containerizer for {@code reference}; Jib writes or pushes the image through it. */
    Containerizer containerizer(dev.stratus.common.image.ImageReference reference, Path scratch) throws Exception;

    /** Called once Jib is done; returns the reference runtimes pull the image by. */
    String publish(dev.stratus.common.image.ImageReference reference, JibContainer container, Path scratch)
            throws IOException;
}
