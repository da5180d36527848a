package dev.stratus.testkit;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheDistributionApiAndKeepsBlobsInItsWorkDir() throws Exception {
        try (Registry registry = Registry.start()) {
            assertTrue(registry.hostPort().matches("127\\.0\\.0\\.1:\\d+"), registry.hostPort());
            URI base = URI.create("http://" + registry.hostPort());
            HttpResponse<String> v2 = http.send(HttpRequest.newBuilder(base.resolve("/v2/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, v2.statusCode());
            assertEquals("registry/2.0", v2.headers().firstValue("Docker-Distribution-Api-Version").orElse(null));

            // a monolithic blob upload: open an upload session, then PUT the content with its digest
            byte[] content = "a layer, more or less".getBytes(StandardCharsets.UTF_8);
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            HttpResponse<String> session = http.send(HttpRequest.newBuilder(base.resolve("/v2/probe/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, session.statusCode(), session.body());
            URI upload = base.resolve(session.headers().firstValue("Location").orElseThrow());
            String separator = upload.getQuery() == null ? "?" : "&";
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(
                            URI.create(upload + separator + "digest=sha256:" + hex))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), put.body());

            HttpResponse<byte[]> blob = http.send(HttpRequest.newBuilder(
                    base.resolve("/v2/probe/blobs/sha256:" + hex)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, blob.statusCode());
            assertArrayEquals(content, blob.body());
            Path stored = registry.storageDir().resolve("docker/registry/v2/blobs/sha256")
                    .resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
            assertArrayEquals(content, Files.readAllBytes(stored), "filesystem storage in the work dir");
        }
    }

    @Test
    void closeStopsTheRegistryAndDeletesItsWorkDir() {
        Registry registry = Registry.start();
        long pid = registry.pid();
        Path workDir = registry.workDir();
        assertTrue(alive(pid));

        registry.close();

        assertFalse(alive(pid), "registry process " + pid + " still runs");
        assertFalse(Files.exists(workDir), "work dir deleted");
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", registry.port()).close(), "port closed");
        registry.close(); // twice is harmless
    }

    @Test
    void diesWithAParentKilledByKill9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RegistryProbe.class.getName()).redirectErrorStream(true).start();
        String[] watch = readWatchLine(parent);
        long pid = Long.parseLong(watch[1]);
        Path workDir = Path.of(watch[2]);
        assertTrue(alive(pid), "registry runs");

        parent.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        // onExit completes when the process is gone; the timeout is the deadline
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        assertFalse(alive(pid), "registry " + pid + " outlived its parent");

        assertTrue(Files.exists(workDir), "a parent killed by kill -9 cannot delete its work dir");
        WorkDirs.sweep(Registry.TEMP_PREFIX);
        assertFalse(Files.exists(workDir), "stale registry dir swept");
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String[] readWatchLine(Process parent) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("WATCH ")) {
                return line.split(" ");
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the probe exited without starting a registry:\n" + seen);
    }
}
