package dev.stratus.builder.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.stratus.builder.runtime.Interpreters;
import dev.stratus.common.image.ImageReference;
import dev.stratus.common.image.OciLayout;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds a function image with Jib, without a Docker daemon: for node runtimes a layer with the interpreter under
 * {@code /runtime}, then one with Stratus's runtime wrapper, then one with the user's code under {@code /fn}.
 * Timestamps are fixed by Jib, so the same code gives the same digest. Jib's layer cache recognises the
 * interpreter by its (unchanging) file, so its 100+ MB are compressed once per builder, not once per build.
 */
@Singleton
public class ImageBuilder {
    public static final String LABEL_RUNTIME = "dev.stratus.runtime";
    public static final String LABEL_HANDLER = "dev.stratus.handler";
    private static final FilePermissions READ_ONLY = FilePermissions.fromOctalString("444");
    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("555");
    private final ImageTarget target;
    private final Path cacheDir;
    private final Interpreters interpreters;

    public ImageBuilder(@Value("${stratus.registry.url:}") String registryUrl,
                        @Value("${stratus.data-dir}") String dataDir, Interpreters interpreters) {
        this.interpreters = interpreters;
        this.target = registryUrl.isBlank() ? new LocalLayoutTarget(new OciLayout(Path.of(dataDir, "registry")))
                : new RegistryTarget(registryUrl.replaceFirst("^https?://", "").replaceAll("/+$", ""));
        this.cacheDir = Path.of(dataDir, "builder-cache");
    }

    /** The built image: the reference to pull it by and its manifest digest. */
    public record BuiltImage(String reference, String digest) {
    }

    public BuiltImage build(ImageReference reference, String runtime, String handler, Path codeDir, List<String> files,
                            Path scratch) throws Exception {
        RuntimeFamily family = RuntimeFamily.of(runtime);
        Interpreters.Interpreter interpreter = interpreters.of(runtime);
        Path wrapper = scratch.resolve(family.wrapperFile);
        try (InputStream in = ImageBuilder.class.getResourceAsStream(family.wrapperResource())) {
            if (in == null) {
                throw new IllegalStateException("wrapper " + family.wrapperResource() + " is missing from the build");
            }
            Files.copy(in, wrapper);
        }
        FileEntriesLayer.Builder code = FileEntriesLayer.builder().setName("function-code");
        for (String file : files) {
            code.addEntry(codeDir.resolve(file), AbsoluteUnixPath.get("/fn/" + file), READ_ONLY);
        }
        Containerizer containerizer = target.containerizer(reference, scratch)
                .setApplicationLayersCache(cacheDir.resolve("application"))
                .setBaseImageLayersCache(cacheDir.resolve("base"))
                .setToolName("stratus-builder");
        var image = Jib.fromScratch();
        if (interpreter.hostFile().isPresent()) {
            image.addFileEntriesLayer(FileEntriesLayer.builder().setName("runtime").addEntry(
                    interpreter.hostFile().get(), AbsoluteUnixPath.get(interpreter.path()), EXECUTABLE).build());
        }
        JibContainer container = image
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("stratus-wrapper")
                        .addEntry(wrapper, AbsoluteUnixPath.get(family.wrapperPath()), READ_ONLY).build())
                .addFileEntriesLayer(code.build())
                .setEntrypoint(interpreter.path(), family.wrapperPath())
                .setWorkingDirectory(AbsoluteUnixPath.get("/fn"))
                .setEnvironment(Map.of("FN_HANDLER", handler, "FN_CODE_DIR", "/fn", "TZ", "UTC"))
                .setLabels(Map.of(LABEL_RUNTIME, runtime, LABEL_HANDLER, handler))
                .setUser("65534:65534")
                .setFormat(ImageFormat.OCI)
                .containerize(containerizer);
        return new BuiltImage(target.publish(reference, container, scratch), container.getDigest().toString());
    }

}
