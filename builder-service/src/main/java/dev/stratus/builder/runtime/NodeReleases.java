package dev.stratus.builder.runtime;

import dev.stratus.builder.ScratchFolders;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Node.js binaries for function images, fetched from the npm registry once per release into
 * {@code <runtimes dir>/node<version>/bin/node}. A release is downloaded and unpacked in a scratch folder and
 * renamed into place, so a half-written binary is never used: builds in this process wait for each other, other
 * processes sharing the folder at worst download twice and keep the first rename.
 */
@Singleton
public class NodeReleases {
    private static final Logger LOG = LoggerFactory.getLogger(NodeReleases.class);
    private final Path dir;
    private final String registry;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Inject
    public NodeReleases(@Value("${stratus.data-dir}") String dataDir,
                        @Value("${stratus.runtimes.dir:}") String runtimesDir,
                        @Value("${stratus.runtimes.npm-registry:`https://registry.npmjs.org`}") String registry,
                        @Value("${stratus.runtimes.download-timeout:5m}") Duration timeout) {
        this(runtimesDir.isBlank() ? Path.of(dataDir, "runtimes") : Path.of(runtimesDir), registry, timeout);
    }

    public NodeReleases(Path dir, String registry, Duration timeout) {
        this.dir = dir.toAbsolutePath();
        this.registry = registry.replaceAll("/+$", "");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The release's {@code node} binary, downloaded and verified first if this machine does not have it yet. */
    public Path binary(NodeRelease release) throws RuntimeUnavailableException {
        Path binary = dir.resolve(release.folderName()).resolve("bin").resolve("node");
        if (Files.isRegularFile(binary)) {
            return binary;
        }
        ReentrantLock lock = locks.computeIfAbsent(release.version(), v -> new ReentrantLock());
        lock.lock();
        try {
            if (!Files.isRegularFile(binary)) {
                fetch(release, binary.getParent().getParent());
            }
            return binary;
        } finally {
            lock.unlock();
        }
    }

    private void fetch(NodeRelease release, Path target) throws RuntimeUnavailableException {
        URI uri = URI.create(registry + release.tarballPath());
        Path scratch = null;
        try {
            Files.createDirectories(dir);
            scratch = Files.createTempDirectory(dir, release.folderName() + ".part-");
            Path tarball = download(uri, scratch.resolve("node.tgz"), release);
            String integrity = NodeTarball.integrity(tarball);
            if (!integrity.equals(release.integrity())) {
                throw new RuntimeUnavailableException("the download of Node.js " + release.version() + " from "
                        + uri + " does not match its pinned integrity (" + release.integrity() + "; got "
                        + integrity + ")");
            }
            Path binary = Files.createDirectories(scratch.resolve("bin")).resolve("node");
            NodeTarball.extractNode(tarball, binary);
            Files.delete(tarball);
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("r-xr-xr-x"));
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("Node.js {} for {} is in {}", release.version(), release.runtime(), target);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another process sharing the folder was first: its copy passed the same check
            }
        } catch (IOException e) {
            throw new RuntimeUnavailableException("cannot fetch Node.js " + release.version() + " for runtime "
                    + release.runtime() + " from " + uri + ": " + describe(e), e);
        } finally {
            ScratchFolders.deleteQuietly(scratch);
        }
    }

    private Path download(URI uri, Path file, NodeRelease release) throws IOException, RuntimeUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        var pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofFile(file));
        try {
            // the request timeout covers the headers only: bound the whole body too, so a stalled server fails the build
            HttpResponse<Path> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new RuntimeUnavailableException("cannot fetch Node.js " + release.version() + " for runtime "
                        + release.runtime() + " from " + uri + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IOException("no complete answer within " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static String describe(IOException e) {
        // the HTTP client's connection failures often carry no message of their own
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
