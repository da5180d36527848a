package dev.stratus.testkit;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NatsTest {

    @Test
    void servesJetStreamAndKeepsStreamsAcrossARestart() throws Exception {
        try (Nats nats = Nats.start()) {
            assertTrue(nats.url().matches("nats://127\\.0\\.0\\.1:\\d+"), nats.url());
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + nats.monitorPort() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());

            String created = jetStreamRequest(nats, "$JS.API.STREAM.CREATE.PROBE",
                    "{\"name\":\"PROBE\",\"subjects\":[\"probe.>\"],\"storage\":\"file\"}");
            assertTrue(created.contains("\"type\":\"io.nats.jetstream.api.v1.stream_create_response\""), created);
            assertFalse(created.contains("\"error\""), created);
            assertTrue(Files.isDirectory(nats.storeDir().resolve("jetstream")), "streams stored in the work dir");

            nats.restart();
            String info = jetStreamRequest(nats, "$JS.API.STREAM.INFO.PROBE", "");
            assertTrue(info.contains("\"name\":\"PROBE\"") && !info.contains("\"error\""), info);
        }
    }

    @Test
    void startsOnAGivenPortAndCloseStopsItAndDeletesItsWorkDir() {
        Nats first = Nats.start();
        int port = first.port();
        first.close();
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close(), "port closed");

        Nats nats = Nats.start(port);
        long pid = nats.pid();
        Path workDir = nats.workDir();
        assertEquals(port, nats.port());
        assertTrue(alive(pid));

        nats.close();

        assertFalse(alive(pid), "nats-server " + pid + " still runs");
        assertFalse(Files.exists(workDir), "work dir deleted");
        assertFalse(nats.isRunning());
        nats.close(); // twice is harmless
    }

    @Test
    void diesWithAParentKilledByKill9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                NatsProbe.class.getName()).redirectErrorStream(true).start();
        String[] watch = readWatchLine(parent);
        long pid = Long.parseLong(watch[1]);
        Path workDir = Path.of(watch[2]);
        assertTrue(alive(pid), "nats-server runs");

        parent.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        // onExit completes when the process is gone; the timeout is the deadline
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        assertFalse(alive(pid), "nats-server " + pid + " outlived its parent");

        assertTrue(Files.exists(workDir), "a parent killed by kill -9 cannot delete its work dir");
        WorkDirs.sweep(Nats.TEMP_PREFIX);
        assertFalse(Files.exists(workDir), "stale NATS dir swept");
    }

    /** A JetStream API call over the plain NATS protocol: subscribe to an inbox, publish with it as reply. */
    private static String jetStreamRequest(Nats nats, String subject, String payload) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", nats.port())) {
            socket.setSoTimeout(10_000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String info = in.readLine();
            assertTrue(info.startsWith("INFO ") && info.contains("\"jetstream\":true"), info);
            OutputStream out = socket.getOutputStream();
            byte[] body = payload.getBytes(StandardCharsets.UTF_8);
            out.write(("CONNECT {\"verbose\":false}\r\nSUB probe.reply 1\r\nPUB " + subject + " probe.reply "
                    + body.length + "\r\n" + payload + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("MSG ")) {
                    return in.readLine();
                }
                if (line.equals("PING")) {
                    out.write("PONG\r\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                assertFalse(line.startsWith("-ERR"), line);
            }
            throw new AssertionError("the server closed the connection without answering " + subject);
        }
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
        throw new AssertionError("the probe exited without starting a NATS server:\n" + seen);
    }
}
