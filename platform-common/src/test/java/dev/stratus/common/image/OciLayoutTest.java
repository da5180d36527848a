package dev.stratus.common.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OciLayoutTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void aBlobPutIntoManyRepositoriesIsStoredOnce(@TempDir Path root) throws Exception {
        OciLayout layout = new OciLayout(root);
        byte[] content = "an interpreter layer".getBytes(StandardCharsets.UTF_8);
        layout.putBlob("ns/one", DIGEST, new ByteArrayInputStream(content));
        layout.putBlob("ns/two", DIGEST, new ByteArrayInputStream(content));
        layout.putBlob("ns/two", DIGEST, new ByteArrayInputStream(new byte[0])); // already there: not read

        Path one = layout.blob("ns/one", DIGEST);
        Path two = layout.blob("ns/two", DIGEST);
        assertArrayEquals(content, Files.readAllBytes(one));
        assertArrayEquals(content, Files.readAllBytes(two));
        assertEquals(Files.getAttribute(one, "unix:ino"), Files.getAttribute(two, "unix:ino"), "one file, linked");
        assertEquals(3, (int) Files.getAttribute(one, "unix:nlink"), "the store's copy and one link a repository");
    }
}
