package dev.stratus.runtime.image;

import dev.stratus.common.image.ImageReference;
import dev.stratus.common.image.OciLayout;
import dev.stratus.runtime.instance.SandboxDirectories;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Materialises revisions: pulls the image's manifest, config and layers and assembles them into a folder named by
 * the manifest digest, so a revision is made once however many instances run it. Each layer is unpacked once by
 * its digest in a {@link LayerCache} and linked into the revisions that have it (a node runtime layer is the same
 * for every function on that runtime). Assembly goes to a scratch folder renamed into place, so a half-made
 * revision is never used.
 */
@Singleton
public class RevisionStore {
    private final BlobSource source;
    private final Path revisions;
    private final LayerCache layers;
    private final JsonMapper json;

    public RevisionStore(@Value("${stratus.registry.url:}") String registryUrl,
                         @Value("${stratus.data-dir}") String dataDir, SandboxDirectories dirs, JsonMapper json) {
        this.source = registryUrl.isBlank() ? new LayoutBlobSource(new OciLayout(Path.of(dataDir, "registry")))
                : new RegistryBlobSource(registryUrl.replaceFirst("^https?://", "").replaceAll("/+$", ""));
        this.revisions = dirs.revisions();
        this.layers = new LayerCache(dirs.layers());
        this.json = json;
    }

    public RevisionFiles materialise(String image) throws IOException {
        ImageReference reference = ImageReference.parse(image);
        byte[] manifestBytes = source.manifest(reference);
        String digest = "sha256:" + sha256(manifestBytes);
        Map<String, Object> manifest = parse(manifestBytes);
        Map<String, Object> config = parse(readBlob(reference, (String) object(manifest, "config").get("digest")));
        Path root = revisions.resolve(digest.substring("sha256:".length(), "sha256:".length() + 32));
        if (!Files.isDirectory(root)) {
            unpackLayers(reference, manifest, root);
        }
        Map<String, Object> run = object(config, "config");
        List<String> entrypoint = new ArrayList<>(strings(run.get("Entrypoint")));
        entrypoint.addAll(strings(run.get("Cmd")));
        if (entrypoint.isEmpty()) {
            throw new IOException("image " + image + " has no entrypoint");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : strings(run.get("Env"))) {
            int eq = pair.indexOf('=');
            env.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        Object workingDir = run.get("WorkingDir");
        return new RevisionFiles(root, digest, List.copyOf(entrypoint), env,
                workingDir instanceof String dir && !dir.isBlank() ? dir : "/");
    }

    private void unpackLayers(ImageReference reference, Map<String, Object> manifest, Path root) throws IOException {
        Path scratch = Files.createTempDirectory(revisions, "unpack");
        try {
            for (Object layer : (List<?>) manifest.get("layers")) {
                Map<?, ?> descriptor = (Map<?, ?>) layer;
                boolean gzipped = String.valueOf(descriptor.get("mediaType")).endsWith("gzip");
                String digest = (String) descriptor.get("digest");
                LayerCache.linkInto(layers.unpacked(digest, gzipped, () -> source.blob(reference, digest)), scratch);
            }
            Files.setPosixFilePermissions(scratch, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(scratch, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            SandboxDirectories.deleteTree(scratch);
            if (!Files.isDirectory(root)) {
                throw e;
            }
            // unpacked concurrently by another activation of the same image: theirs is as good
        }
    }

    private byte[] readBlob(ImageReference reference, String digest) throws IOException {
        try (InputStream in = source.blob(reference, digest)) {
            return in.readAllBytes();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(byte[] bytes) throws IOException {
        return json.readValue(bytes, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key) throws IOException {
        if (parent.get(key) instanceof Map<?, ?> child) {
            return (Map<String, Object>) child;
        }
        throw new IOException("image metadata has no " + key);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
