package dev.stratus.common.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** Where code archives are kept. The embedded default is a folder; a cluster would put an S3 bucket here. */
public interface ObjectStore {

    /** Moves a finished file into place under {@code key}, replacing what was there atomically. */
    void put(String key, Path file) throws IOException;

    Optional<InputStream> get(String key) throws IOException;

    void delete(String key) throws IOException;

    /** A scratch file on the same file system, so {@link #put} is a rename. */
    Path newTempFile() throws IOException;
}
