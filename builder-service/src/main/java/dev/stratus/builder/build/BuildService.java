package dev.stratus.builder.build;

import dev.stratus.builder.ScratchFolders;
import dev.stratus.builder.archive.ArchiveExtractor;
import dev.stratus.builder.archive.InvalidArchiveException;
import dev.stratus.builder.image.ImageBuilder;
import dev.stratus.builder.image.RuntimeFamily;
import dev.stratus.builder.runtime.RuntimeUnavailableException;
import dev.stratus.common.Ids;
import dev.stratus.common.event.BuildFinished;
import dev.stratus.common.event.DeployRequested;
import dev.stratus.common.image.ImageReference;
import dev.stratus.common.store.ObjectStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Turns one deploy request into an image, or into a failure the user can read and fix. */
@Singleton
public class BuildService {
    private static final Logger LOG = LoggerFactory.getLogger(BuildService.class);
    private final ObjectStore store;
    private final ArchiveExtractor extractor;
    private final ImageBuilder images;

    public BuildService(ObjectStore store, ArchiveExtractor extractor, ImageBuilder images) {
        this.store = store;
        this.extractor = extractor;
        this.images = images;
    }

    public BuildFinished build(DeployRequested request) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("stratus-build");
            Path code = Files.createDirectories(scratch.resolve("code"));
            RuntimeFamily family = RuntimeFamily.of(request.runtime());
            List<String> files;
            try (InputStream archive = store.get(request.archiveKey()).orElseThrow(() ->
                    new InvalidArchiveException("the uploaded code is gone: upload it again and redeploy"))) {
                files = extractor.extract(archive, code, family.handlerFile(request.handler()));
            }
            var reference = new ImageReference(registryHost(request.imageRepository()),
                    repositoryPath(request.imageRepository()), Long.toString(request.revision()));
            var image = images.build(reference, request.runtime(), request.handler(), code, files, scratch);
            LOG.info("Built {} ({}) for function {}", image.reference(), image.digest(), request.functionId());
            return result(request, true, image.reference(), image.digest(), null);
        } catch (InvalidArchiveException e) {
            return result(request, false, null, null, e.getMessage());
        } catch (RuntimeUnavailableException e) {
            LOG.warn("Build of function {} revision {} failed: {}", request.functionId(), request.revision(),
                    e.getMessage());
            return result(request, false, null, null, e.getMessage());
        } catch (Exception e) {
            LOG.error("Build of function {} revision {} failed", request.functionId(), request.revision(), e);
            return result(request, false, null, null, "internal build error: " + e.getMessage());
        } finally {
            ScratchFolders.deleteQuietly(scratch);
        }
    }

    private static BuildFinished result(DeployRequested request, boolean ok, String image, String digest,
                                        String message) {
        return new BuildFinished(Ids.newId(), request.functionId(), request.revision(), ok, image, digest, message,
                Instant.now());
    }

    private static String registryHost(String repository) {
        return repository.substring(0, repository.indexOf('/'));
    }

    private static String repositoryPath(String repository) {
        return repository.substring(repository.indexOf('/') + 1);
    }
}
