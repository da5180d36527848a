package dev.stratus.common.store;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Objects as files under {@code <data dir>/objects}; keys are relative paths made by {@link CodeArchives}. */
@Singleton
public class LocalObjectStore implements ObjectStore {
    private final Path root;

    public LocalObjectStore(@Value("${stratus.data-dir}") String dataDir) throws IOException {
        this.root = Files.createDirectories(Path.of(dataDir, "objects"));
        Files.createDirectories(root.resolve(".tmp"));
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<InputStream> get(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public Path newTempFile() throws IOException {
        return Files.createTempFile(root.resolve(".tmp"), "upload-", ".part");
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("object key escapes the store: " + key);
        }
        return path;
    }
}
