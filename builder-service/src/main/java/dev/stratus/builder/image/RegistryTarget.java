package dev.stratus.builder.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import dev.stratus.common.image.ImageReference;

import java.nio.file.Path;

/** Pushes to an OCI registry (the distribution registry, Harbor, a cloud registry…) by its host:port. */
public class RegistryTarget implements ImageTarget {
    private final String registryHost;

    public RegistryTarget(String registryHost) {
        this.registryHost = registryHost;
    }

    /** The repository path is kept; the host is the configured registry's. */
    ImageReference onRegistry(ImageReference reference) {
        return new ImageReference(registryHost, reference.repository(), reference.tag());
    }

    @Override
    public Containerizer containerizer(ImageReference reference, Path scratch) throws Exception {
        return Containerizer.to(RegistryImage.named(onRegistry(reference).toString()))
                .setAllowInsecureRegistries(true);
    }

    @Override
    public String publish(ImageReference reference, JibContainer container, Path scratch) {
        return onRegistry(reference).toString();
    }
}
