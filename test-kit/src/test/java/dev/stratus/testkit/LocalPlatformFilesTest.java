package dev.stratus.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalPlatformFilesTest {

    @Test
    void aGeneratedSecretKeyIsKeptForTheNextStartAndAGivenOneIsNotSaved(@TempDir Path dir) throws Exception {
        String generated = LocalPlatformFiles.secretKey(dir, null);
        UUID.fromString(generated);
        assertEquals(generated, LocalPlatformFiles.secretKey(dir, ""));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(LocalPlatformFiles.SECRET_KEY_FILE))));

        String given = UUID.randomUUID().toString();
        assertEquals(given, LocalPlatformFiles.secretKey(dir, given));
        assertEquals(generated, LocalPlatformFiles.secretKey(dir, null), "a given key replaces nothing on disk");
        assertThrows(IllegalArgumentException.class, () -> LocalPlatformFiles.secretKey(dir, "not-a-uuid"));
    }

    @Test
    void theMasterKeyIs32PrivateBytesWrittenOnce(@TempDir Path dir) throws Exception {
        LocalPlatformFiles.ensureMasterKey(dir);
        Path file = dir.resolve(LocalPlatformFiles.MASTER_KEY_FILE);
        String key = Files.readString(file);
        assertEquals(32, Base64.getDecoder().decode(key).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        LocalPlatformFiles.ensureMasterKey(dir);
        assertEquals(key, Files.readString(file));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".tmp")));
        }
    }

    @Test
    void portsComeFromTheEnvironmentWithTheServicesOwnDefaults() {
        var options = LocalPlatformMain.options(Map.of("STRATUS_API_PORT", "18080", "STRATUS_KAFKA_PORT", "19092"));
        assertEquals(18080, options.ports().get(LocalPlatform.Service.API));
        assertEquals(8093, options.ports().get(LocalPlatform.Service.RUNTIME));
        assertEquals(8081, options.gatewayPort());
        assertEquals(19092, options.kafkaPort());
        assertEquals(0, options.postgresPort(), "a free port unless set");
        assertThrows(IllegalArgumentException.class,
                () -> LocalPlatformMain.options(Map.of("STRATUS_GATEWAY_PORT", "http")));
    }
}
