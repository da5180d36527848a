package dev.stratus.runtime.instance;

import dev.stratus.common.http.HttpConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.URLEncoder;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a function instance can and cannot reach, checked from inside a real bubblewrap sandbox. */
class SandboxTest {
    private static Path dataDir;
    private static ProcessBackend backend;
    private static SandboxDirectories dirs;
    private static Path otherFunctionCode;
    private static Instance instance;

    @BeforeAll
    static void startProbe() throws Exception {
        dataDir = Files.createTempDirectory("stratus-data");
        Files.writeString(dataDir.resolve("master.key"), "platform secret");
        dirs = new SandboxDirectories(dataDir.toString(), "");
        backend = new ProcessBackend(dirs, 65534);
        Path probe = revision("probe", "own code");
        otherFunctionCode = revision("other", "another function's code").resolve("fn/code.txt");
        instance = backend.start(spec(probe, Map.of("GREETING", "hello"), 64));
        instance.ready().get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.stop();
        }
        SandboxDirectories.deleteTree(dirs.revisions().getParent());
        SandboxDirectories.deleteTree(dataDir);
    }

    @Test
    void runsAsAnUnprivilegedUserWithItsOwnPidNamespace() throws IOException {
        String whoami = get(instance, "/whoami");
        assertTrue(whoami.contains("\"uid\":1000"), whoami);
        assertTrue(whoami.matches(".*\"pid\":[0-9],.*|.*\"pid\":[0-9]}.*"), "low pid in its own namespace: " + whoami);
    }

    @Test
    void seesItsOwnCodeAndEnvironmentOnly() throws IOException {
        assertEquals("own code", get(instance, "/read?path=" + encode("/fn/code.txt")));
        assertEquals("hello", get(instance, "/env?name=GREETING"));
        assertEquals("undefined", get(instance, "/env?name=JAVA_HOME"), "the platform's environment leaked in");
    }

    @Test
    void cannotReadThePlatformDataDirOrAnotherFunctionsCode() throws IOException {
        assertEquals("ENOENT", get(instance, "/read?path=" + encode(dataDir.resolve("master.key").toString())));
        assertEquals("ENOENT", get(instance, "/read?path=" + encode(otherFunctionCode.toString())));
        assertEquals("ENOENT", get(instance, "/read?path=" + encode(dirs.revisions().toString())));
        assertEquals("ENOENT", get(instance, "/read?path=/etc/shadow"));
    }

    @Test
    void canWriteOnlyItsOwnTmp() throws IOException {
        assertEquals("written", get(instance, "/write?path=/tmp/scratch"));
        for (String path : List.of("/fn/new-file", "/usr/new-file", "/new-file", "/stratus/new-file", "/run/x")) {
            String result = get(instance, "/write?path=" + encode(path));
            assertTrue(result.equals("EROFS") || result.equals("EACCES"), path + " was writable: " + result);
        }
    }

    @Test
    void secretsReachTheFunctionButNoCommandLine() throws Exception {
        String secret = "s3cret-" + Long.toHexString(System.nanoTime());
        Instance holder = backend.start(spec(dirs.revisions().resolve("probe"), Map.of("API_TOKEN", secret), 64));
        try {
            holder.ready().get(20, TimeUnit.SECONDS);
            assertEquals(secret, get(holder, "/env?name=API_TOKEN"));
            try (var processes = Files.list(Path.of("/proc"))) {
                List<String> showing = processes.filter(dir -> dir.getFileName().toString().matches("[0-9]+"))
                        .filter(dir -> commandLine(dir).contains(secret)).map(Path::toString).toList();
                assertEquals(List.of(), showing, "a command line any local user can read holds the secret");
            }
        } finally {
            holder.stop();
        }
    }

    private static String commandLine(Path procDir) {
        try {
            return new String(Files.readAllBytes(procDir.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return "";
        }
    }

    @Test
    void cannotTurnItsSocketIntoALinkToAHostSocket() throws Exception {
        Path trap = Files.createTempDirectory("stratus-trap").resolve("host.sock");
        try (ServerSocketChannel host = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            host.bind(UnixDomainSocketAddress.of(trap));
            host.configureBlocking(false);
            String outcome = get(instance, "/replace-socket?target=" + encode(trap.toString()));
            assertTrue(List.of("EACCES", "EPERM", "EROFS").contains(outcome), "the socket was replaced: " + outcome);
            assertTrue(get(instance, "/whoami").contains("\"uid\":1000"), "the runtime still reaches the instance");
            assertNull(host.accept(), "the runtime connected to the host's socket");
        } finally {
            Files.deleteIfExists(trap);
        }
    }

    @Test
    void cannotStartMoreProcessesThanItsLimit() throws Exception {
        ProcessBackend limited = new ProcessBackend(dirs, 65534, 0, 32, InstanceOutput.NONE);
        Instance bomb = limited.start(spec(dirs.revisions().resolve("probe"), Map.of(), 256));
        try {
            bomb.ready().get(20, TimeUnit.SECONDS);
            String counts = get(bomb, "/spawn?n=64");
            int spawned = Integer.parseInt(counts.replaceAll(".*\"spawned\":(\\d+).*", "$1"));
            assertTrue(spawned > 0 && spawned < 32, "processes past pids.max were started: " + counts);
            assertTrue(counts.matches(".*\"refused\":[1-9].*"), counts);
            assertTrue(get(instance, "/whoami").contains("\"uid\":1000"), "other instances are unaffected");
        } finally {
            bomb.stop();
            limited.stopAll();
        }
    }

    @Test
    void isKilledPastItsMemoryLimit() throws Exception {
        Instance hog = backend.start(spec(dirs.revisions().resolve("probe"), Map.of(), 64));
        hog.ready().get(20, TimeUnit.SECONDS);
        assertThrows(IOException.class, () -> get(hog, "/hog?mb=256"));
        String reason = hog.exited().get(10, TimeUnit.SECONDS);
        assertTrue(reason.contains("memory limit of 64 MB"), reason);
        assertEquals("allocated 8", get(instance, "/hog?mb=8"), "a modest allocation still works");
    }

    @Test
    void stoppedInstanceLeavesNoProcessBehind() throws Exception {
        Instance short_lived = backend.start(spec(dirs.revisions().resolve("probe"), Map.of(), 64));
        short_lived.ready().get(20, TimeUnit.SECONDS);
        String pidInside = get(short_lived, "/whoami");
        assertNotEquals("", pidInside);
        short_lived.stop();
        assertEquals("the instance was stopped", short_lived.exited().get(10, TimeUnit.SECONDS));
        assertTrue(Files.notExists(short_lived.socket().getParent()), "the socket folder is cleaned up");
    }

    private static Path revision(String name, String code) throws IOException {
        Path root = dirs.revisions().resolve(name);
        Files.createDirectories(root.resolve("fn"));
        Files.createDirectories(root.resolve("stratus"));
        try (InputStream in = SandboxTest.class.getResourceAsStream("/probe/stratus/probe.js")) {
            Files.copy(in, root.resolve("stratus/probe.js"));
        }
        Files.writeString(root.resolve("fn/code.txt"), code);
        for (Path path : List.of(root, root.resolve("fn"), root.resolve("stratus"))) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return root;
    }

    private static InstanceSpec spec(Path root, Map<String, String> env, int memoryMb) {
        return new InstanceSpec("0123456789abcdef", 1, root, List.of("/usr/bin/node", "/stratus/probe.js"), "/fn",
                env, memoryMb);
    }

    private static String get(Instance target, String path) throws IOException {
        try (HttpConnection connection = HttpConnection.open(target.socket())) {
            byte[] body = connection.exchange("GET", path, List.of(Map.entry("Host", "fn")), new byte[0], 10_000)
                    .body();
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String encode(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }
}
