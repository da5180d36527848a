package dev.stratus.builder.wrapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Protocol test of the runtime wrappers (builder resources {@code wrappers/node/wrapper.js} and
 * {@code wrappers/python/wrapper.py}): each test starts the wrapper as a real process the way the
 * platform does and talks HTTP/1.1 to it over its unix socket.
 */
@Timeout(60)
class WrapperProtocolTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    /** The contract, run against each runtime by the nested classes below. */
    abstract static class RuntimeContract {

        Path root;
        Path codeDir;
        Path socket;
        Path wrapper;
        final List<WrapperProcess> started = new ArrayList<>();

        /** "node" or "python": the resource folder and the interpreter. */
        abstract String runtime();

        abstract String interpreter();

        abstract String wrapperFile();

        /** Writes handler.*, hello.*, broken.*, src/app.* and lib/helper.* into the code dir. */
        abstract void writeHandlers(Path codeDir) throws IOException;

        /** What the runtime's stack trace on stderr contains for a handler error. */
        abstract String stackMarker();

        abstract String thrownMessage();

        @BeforeEach
        void setUp() throws IOException {
            // the images run this very path, so a machine without it cannot run functions either
            assertTrue(Files.isExecutable(Path.of(interpreter())), interpreter() + " is not installed");
            // short path: unix socket paths are limited to ~108 bytes
            root = Files.createTempDirectory(Path.of("/tmp"), "stratus-wr-");
            codeDir = Files.createDirectories(root.resolve("fn"));
            Path wrapperDir = Files.createDirectories(root.resolve("stratus"));
            wrapper = wrapperDir.resolve(wrapperFile());
            String resource = "/dev/stratus/builder/wrappers/" + runtime() + "/" + wrapperFile();
            try (InputStream in = WrapperProtocolTest.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new AssertionError("resource missing: " + resource);
                }
                Files.copy(in, wrapper);
            }
            socket = root.resolve("fn.sock");
            writeHandlers(codeDir);
        }

        @AfterEach
        void tearDown() throws IOException {
            started.forEach(WrapperProcess::close);
            if (root != null) {
                deleteTree(root);
            }
        }

        static void deleteTree(Path dir) throws IOException {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }

        WrapperProcess launch(String handler) throws IOException {
            Map<String, String> env = new HashMap<>();
            env.put("PATH", "/usr/bin:/bin");
            env.put("HOME", "/tmp");
            env.put("TZ", "UTC");
            env.put("FN_SOCKET", socket.toString());
            env.put("FN_HANDLER", handler);
            env.put("FN_CODE_DIR", codeDir.toString());
            env.put("FN_NAME", "fn-test");
            env.put("FN_MEMORY_MB", "256");
            env.put("GREETING", "hello-from-env"); // a user env var
            WrapperProcess p = WrapperProcess.start(List.of(interpreter(), wrapper.toString()), codeDir, env);
            started.add(p);
            return p;
        }

        WrapperProcess startReady(String handler) throws Exception {
            WrapperProcess p = launch(handler);
            p.awaitReady(READY_TIMEOUT);
            return p;
        }

        /** Starts a handler that must fail to load; returns the STRATUS_HANDLER_ERROR line. */
        String expectHandlerError(String handler) throws Exception {
            WrapperProcess p = launch(handler);
            assertEquals(3, p.awaitExit(EXIT_TIMEOUT), () -> "exit code; stderr=" + p.stderr());
            assertFalse(p.stdout().contains(WrapperProcess.READY), "must not report ready");
            List<String> lines = p.stderr().lines().filter(l -> l.startsWith("STRATUS_HANDLER_ERROR: ")).toList();
            assertEquals(1, lines.size(), () -> "one STRATUS_HANDLER_ERROR line expected in: " + p.stderr());
            return lines.getFirst();
        }

        // ------------------------------------------------------------ event translation

        @Test
        void translatesRequestIntoEvent() throws Exception {
            Files.writeString(socket, "stale"); // a stale socket file is replaced
            startReady("handler.echo");
            String body = "{\"name\":\"Zoë\"}";
            UnixHttp.Response r = UnixHttp.send(socket, "POST", "/orders/42?a=1&b=two%20words&a=3&plus=x+y&flag",
                    Map.of("X-Request-Id", "abc-123", "Content-Type", "application/json; charset=utf-8"),
                    body.getBytes(StandardCharsets.UTF_8));

            assertEquals(200, r.status(), r::toString);
            assertEquals("application/json", r.header("Content-Type")); // plain object result
            Map<String, Object> result = MiniJson.object(r.json());
            Map<String, Object> event = MiniJson.object(result.get("event"));
            assertEquals("POST", event.get("httpMethod"));
            assertEquals("/orders/42", event.get("path"));
            assertEquals(Map.of("a", "3", "b", "two words", "plus", "x y", "flag", ""),
                    event.get("queryStringParameters"));
            Map<String, Object> headers = MiniJson.object(event.get("headers"));
            assertEquals("abc-123", headers.get("X-Request-Id"));
            assertEquals("application/json; charset=utf-8", headers.get("Content-Type"));
            assertEquals("localhost", headers.get("Host"));
            assertEquals(body, event.get("body"));
            assertEquals(Boolean.FALSE, event.get("isBase64Encoded"));
            assertEquals(Map.of("httpMethod", "POST", "path", "/orders/42", "stage", ""), event.get("requestContext"));
            assertTrue(event.containsKey("pathParameters"));
            assertNull(event.get("pathParameters"));
            assertEquals(Map.of(), event.get("stageVariables"));

            Map<String, Object> context = MiniJson.object(result.get("context"));
            assertEquals(256L, context.get("memoryLimitInMb"));
            assertEquals("fn-test", context.get("functionName"));
            assertEquals("", context.get("functionVersion"));
            assertEquals("hello-from-env", result.get("env"));
        }

        @Test
        void emptyBodyAndNoQuery() throws Exception {
            startReady("handler.echo");
            UnixHttp.Response r = UnixHttp.get(socket, "/");
            Map<String, Object> event = MiniJson.object(MiniJson.object(r.json()).get("event"));
            assertEquals("GET", event.get("httpMethod"));
            assertEquals("/", event.get("path"));
            assertEquals(Map.of(), event.get("queryStringParameters"));
            assertEquals("", event.get("body"));
            assertEquals(Boolean.FALSE, event.get("isBase64Encoded"));
        }

        @Test
        void binaryBodiesAreBase64Encoded() throws Exception {
            startReady("handler.echo");
            byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 'a'};
            assertBase64Body(UnixHttp.send(socket, "PUT", "/bin", Map.of("Content-Type", "application/octet-stream"),
                    binary), binary);
            // valid UTF-8 but not a textual content type
            byte[] png = "PNG-ish".getBytes(StandardCharsets.UTF_8);
            assertBase64Body(UnixHttp.send(socket, "POST", "/img", Map.of("Content-Type", "image/png"), png), png);
            // textual content type but not valid UTF-8
            assertBase64Body(UnixHttp.send(socket, "POST", "/txt", Map.of("Content-Type", "text/plain"), binary),
                    binary);
            // no content type + valid UTF-8: text
            UnixHttp.Response r = UnixHttp.send(socket, "POST", "/raw", Map.of(), "plain".getBytes(StandardCharsets.UTF_8));
            Map<String, Object> event = MiniJson.object(MiniJson.object(r.json()).get("event"));
            assertEquals("plain", event.get("body"));
            assertEquals(Boolean.FALSE, event.get("isBase64Encoded"));
        }

        private void assertBase64Body(UnixHttp.Response r, byte[] expected) {
            assertEquals(200, r.status(), r::toString);
            Map<String, Object> event = MiniJson.object(MiniJson.object(r.json()).get("event"));
            assertEquals(Boolean.TRUE, event.get("isBase64Encoded"), r::toString);
            assertArrayEquals(expected, Base64.getDecoder().decode((String) event.get("body")));
        }

        // ------------------------------------------------------------ result translation

        @Test
        void statusCodeHeadersAndBody() throws Exception {
            startReady("handler.status");
            UnixHttp.Response r = UnixHttp.get(socket, "/");
            assertEquals(201, r.status());
            assertEquals("v", r.header("X-Custom"));
            assertEquals("42", r.header("X-Num"));
            assertEquals("created", r.text());
            assertEquals("7", r.header("Content-Length"));
        }

        @Test
        void objectBodyIsJsonEncoded() throws Exception {
            startReady("handler.jsonBody");
            UnixHttp.Response r = UnixHttp.get(socket, "/");
            assertEquals(202, r.status());
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals(Map.of("ok", true, "list", List.of(1L, 2L)), r.json());
        }

        @Test
        void base64BodyIsDecoded() throws Exception {
            startReady("handler.binary");
            UnixHttp.Response r = UnixHttp.get(socket, "/");
            assertEquals(200, r.status());
            assertEquals("image/png", r.header("Content-Type"));
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, r.body());
        }

        @Test
        void stringResult() throws Exception {
            startReady("handler.text");
            UnixHttp.Response r = UnixHttp.get(socket, "/?name=world");
            assertEquals(200, r.status());
            assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
            assertEquals("hello world", r.text());
        }

        @Test
        void plainArrayResultIsJson() throws Exception {
            startReady("handler.list");
            UnixHttp.Response r = UnixHttp.get(socket, "/");
            assertEquals(200, r.status());
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals(List.of(1L, "two", true), r.json());
        }

        @Test
        void noResultIsEmpty200() throws Exception {
            startReady("handler.nothing");
            UnixHttp.Response r = UnixHttp.get(socket, "/");
            assertEquals(200, r.status());
            assertEquals(0, r.body().length);
            assertEquals("0", r.header("Content-Length"));
        }

        @Test
        void asyncHandler() throws Exception {
            startReady("handler.asyncHandle");
            UnixHttp.Response r = UnixHttp.get(socket, "/later");
            assertEquals(200, r.status());
            assertEquals("async /later", r.text());
        }

        @Test
        void exceptionBecomes500AndIsLogged() throws Exception {
            WrapperProcess p = startReady("handler.fail");
            UnixHttp.Response r = UnixHttp.get(socket, "/");
            assertEquals(500, r.status());
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals(Map.of("error", thrownMessage()), r.json());
            String stderr = p.awaitStderr(thrownMessage(), Duration.ofSeconds(5));
            p.awaitStderr(stackMarker(), Duration.ofSeconds(5));
            assertFalse(stderr.contains("STRATUS_HANDLER_ERROR"), stderr);
            // the instance survives and keeps serving
            assertEquals(500, UnixHttp.get(socket, "/again").status());
            assertTrue(p.isAlive());
        }

        @Test
        void concurrentRequestsAreServedInParallel() throws Exception {
            startReady("handler.slow"); // each request takes 300 ms
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                long start = System.nanoTime();
                List<Future<UnixHttp.Response>> futures = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String target = "/slow/" + i;
                    futures.add(pool.submit(() -> UnixHttp.get(socket, target)));
                }
                for (int i = 0; i < 4; i++) {
                    UnixHttp.Response r = futures.get(i).get();
                    assertEquals(200, r.status());
                    assertEquals("slow /slow/" + i, r.text());
                }
                long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertTrue(elapsedMs < 1100, "4 x 300 ms requests took " + elapsedMs + " ms: not concurrent");
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void nestedHandlerPathAndUserModules() throws Exception {
            startReady("src/app.main");
            UnixHttp.Response r = UnixHttp.get(socket, "/");
            assertEquals(200, r.status(), r::toString);
            assertEquals("nested from-lib", r.text());
        }

        // ------------------------------------------------------------ load failures

        @Test
        void missingHandlerFile() throws Exception {
            String line = expectHandlerError("missing.handle");
            assertTrue(line.contains("missing"), line);
            assertTrue(line.contains("not found"), line);
        }

        @Test
        void missingExport() throws Exception {
            String line = expectHandlerError("handler.nope");
            assertTrue(line.contains("has no function export 'nope'"), line);
        }

        @Test
        void exportThatIsNotAFunction() throws Exception {
            String line = expectHandlerError("handler.notAFunction");
            assertTrue(line.contains("has no function export 'notAFunction'"), line);
        }

        @Test
        void syntaxError() throws Exception {
            String line = expectHandlerError("broken.handle");
            assertTrue(line.contains("SyntaxError"), line);
            assertTrue(line.contains("broken."), line);
        }

        @Test
        void invalidHandlerSpec() throws Exception {
            String line = expectHandlerError("nodot");
            assertTrue(line.contains("invalid handler 'nodot'"), line);
        }

        // ------------------------------------------------------------ stem mode

        /** A stem-mode wrapper in an empty code folder with the base environment only, as the platform starts it. */
        WrapperProcess launchStem(Path stemCode) throws IOException {
            Map<String, String> env = new HashMap<>();
            env.put("PATH", "/usr/bin:/bin");
            env.put("HOME", "/tmp");
            env.put("TZ", "UTC");
            env.put("FN_SOCKET", socket.toString());
            env.put("FN_STEM", "1");
            WrapperProcess p = WrapperProcess.start(List.of(interpreter(), wrapper.toString()), stemCode, env);
            started.add(p);
            return p;
        }

        /** A listening stem whose code folder has just been given the handlers, as the platform links them in. */
        Path stemWithCode(WrapperProcess stem) throws Exception {
            stem.awaitReady(READY_TIMEOUT);
            Path stemCode = root.resolve("stem");
            try (Stream<Path> files = Files.walk(codeDir)) {
                for (Path file : files.toList()) {
                    Path copy = stemCode.resolve(codeDir.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            return stemCode;
        }

        /** The function as the platform hands it over: its handler and the whole environment of an instance. */
        UnixHttp.Response specialize(String handler, Path code) throws IOException {
            String json = "{\"handler\":\"" + handler + "\",\"env\":{\"PATH\":\"/usr/bin:/bin\",\"HOME\":\"/tmp\","
                    + "\"TZ\":\"UTC\",\"FN_SOCKET\":\"" + socket + "\",\"FN_HANDLER\":\"" + handler + "\","
                    + "\"FN_CODE_DIR\":\"" + code + "\",\"FN_NAME\":\"fn-test\",\"FN_MEMORY_MB\":\"256\","
                    + "\"GREETING\":\"hello-from-env\"}}";
            return UnixHttp.send(socket, "POST", "/__stratus/specialize", Map.of("Content-Type", "application/json"),
                    json.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void stemListensWithoutCodeAndServesTheFunctionItIsGiven() throws Exception {
            Files.createDirectories(root.resolve("stem"));
            WrapperProcess stem = launchStem(root.resolve("stem"));
            stem.awaitReady(READY_TIMEOUT);
            assertEquals(503, UnixHttp.get(socket, "/").status(), "nothing is served before the function is given");
            Path code = stemWithCode(stem);

            UnixHttp.Response given = specialize("handler.echo", code);
            assertEquals(200, given.status(), given::toString);
            UnixHttp.Response r = UnixHttp.get(socket, "/orders?id=7");
            assertEquals(200, r.status(), r::toString);
            Map<String, Object> result = MiniJson.object(r.json());
            assertEquals("/orders", MiniJson.object(result.get("event")).get("path"));
            Map<String, Object> context = MiniJson.object(result.get("context"));
            assertEquals(256L, context.get("memoryLimitInMb"));
            assertEquals("fn-test", context.get("functionName"));
            assertEquals("hello-from-env", result.get("env"));
            assertEquals(List.of(WrapperProcess.READY), stem.stdout(), "ready once, as it listened");
        }

        @Test
        void stemGetsTheFunctionsEnvironmentAndModulePath() throws Exception {
            Files.createDirectories(root.resolve("stem"));
            WrapperProcess stem = launchStem(root.resolve("stem"));
            Path code = stemWithCode(stem);
            assertEquals(200, specialize("src/app.main", code).status());
            assertEquals("nested from-lib", UnixHttp.get(socket, "/").text(), "user modules import from the code dir");
            assertTrue(stem.isAlive());
        }

        @Test
        void specializesOnceAndRefusesASecondFunction() throws Exception {
            Files.createDirectories(root.resolve("stem"));
            WrapperProcess stem = launchStem(root.resolve("stem"));
            Path code = stemWithCode(stem);
            assertEquals(405, UnixHttp.get(socket, "/__stratus/specialize").status());
            assertEquals(400, UnixHttp.send(socket, "POST", "/__stratus/specialize", Map.of(),
                    "{not json".getBytes(StandardCharsets.UTF_8)).status());
            assertEquals(200, specialize("handler.envVar", code).status(), "a malformed request gives nothing away");
            assertEquals("hello-from-env", UnixHttp.get(socket, "/?name=GREETING").text());
            assertEquals("<unset>", UnixHttp.get(socket, "/?name=FN_STEM").text(), "stem mode is not the function's");

            UnixHttp.Response second = specialize("handler.echo", code);
            assertEquals(409, second.status(), second::toString);
            assertEquals("hello-from-env", UnixHttp.get(socket, "/?name=GREETING").text(), "still the first handler");
            assertTrue(stem.isAlive());
        }

        @Test
        void stemReportsAHandlerThatDoesNotLoadAsAStartWould() throws Exception {
            for (String handler : List.of("handler.nope", "broken.handle", "missing.handle", "nodot")) {
                String atStart = expectHandlerError(handler);
                deleteTree(root.resolve("stem"));
                Files.createDirectories(root.resolve("stem"));
                WrapperProcess stem = launchStem(root.resolve("stem"));
                Path code = stemWithCode(stem);

                UnixHttp.Response r = specialize(handler, code);
                assertEquals(422, r.status(), r::toString);
                assertEquals(atStart.substring("STRATUS_HANDLER_ERROR: ".length()),
                        MiniJson.object(r.json()).get("error"));
                assertEquals(3, stem.awaitExit(EXIT_TIMEOUT), stem::stderr);
                List<String> lines = stem.stderr().lines().filter(l -> l.startsWith("STRATUS_HANDLER_ERROR: ")).toList();
                assertEquals(List.of(atStart), lines, "the same line as when the handler fails at start");
            }
        }

        // ------------------------------------------------------------ start-up time

        @Test
        void startsFast() throws Exception {
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                try (WrapperProcess p = launch("hello.handle")) {
                    micros.add(p.awaitReady(READY_TIMEOUT).toNanos() / 1000);
                    assertEquals("hello", UnixHttp.get(socket, "/").text());
                }
            }
            List<Long> sorted = micros.stream().sorted().toList();
            long medianMs = sorted.get(sorted.size() / 2) / 1000;
            System.out.printf("%s wrapper: time to %s median %d ms (runs: %s us)%n",
                    runtime(), WrapperProcess.READY, medianMs, micros);
            // generous bound: this is a smoke check, not a benchmark (target is < 60 ms)
            assertTrue(medianMs < 2000, "median start-up " + medianMs + " ms");
        }
    }

    // ================================================================= node

    @Nested
    class Node extends RuntimeContract {

        @Override
        String runtime() {
            return "node";
        }

        @Override
        String interpreter() {
            return "/usr/bin/node";
        }

        @Override
        String wrapperFile() {
            return "wrapper.js";
        }

        @Override
        String stackMarker() {
            return "    at ";
        }

        @Override
        String thrownMessage() {
            return "boom from node";
        }

        @Override
        void writeHandlers(Path dir) throws IOException {
            Files.writeString(dir.resolve("handler.js"), """
                    'use strict';
                    exports.echo = (event, context) => ({ event, context, env: process.env.GREETING });
                    exports.status = () => ({ statusCode: 201, headers: { 'X-Custom': 'v', 'X-Num': 42 }, body: 'created' });
                    exports.jsonBody = () => ({ statusCode: 202, body: { ok: true, list: [1, 2] } });
                    exports.binary = () => ({
                      statusCode: 200,
                      headers: { 'Content-Type': 'image/png' },
                      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
                      isBase64Encoded: true,
                    });
                    exports.text = (event) => 'hello ' + event.queryStringParameters.name;
                    exports.list = () => [1, 'two', true];
                    exports.nothing = () => undefined;
                    exports.asyncHandle = async (event) => {
                      await new Promise((r) => setTimeout(r, 20));
                      return 'async ' + event.path;
                    };
                    exports.slow = (event) => new Promise((r) => setTimeout(() => r('slow ' + event.path), 300));
                    exports.callbackHandle = (event, context, callback) => {
                      setTimeout(() => callback(null, { statusCode: 200, body: 'callback ' + event.httpMethod }), 10);
                    };
                    exports.callbackError = (event, context, callback) => {
                      setImmediate(() => callback(new Error('callback failed')));
                    };
                    exports.rejecting = async () => { throw new Error('rejected'); };
                    exports.fail = () => { throw new Error('boom from node'); };
                    exports.envVar = (event) => process.env[event.queryStringParameters.name] ?? '<unset>';
                    exports.notAFunction = 42;
                    """);
            Files.writeString(dir.resolve("hello.js"), "exports.handle = () => 'hello';\n");
            Files.writeString(dir.resolve("broken.js"), "exports.handle = (event) => {\n  return event.\n");
            Files.createDirectories(dir.resolve("src"));
            Files.createDirectories(dir.resolve("lib"));
            Files.writeString(dir.resolve("lib/helper.js"), "exports.name = () => 'from-lib';\n");
            Files.writeString(dir.resolve("src/app.js"), """
                    const helper = require('../lib/helper');
                    module.exports.main = () => ({ statusCode: 200, body: 'nested ' + helper.name() });
                    """);
        }

        @Test
        void callbackStyle() throws Exception {
            startReady("handler.callbackHandle");
            UnixHttp.Response r = UnixHttp.send(socket, "DELETE", "/x", Map.of(), new byte[0]);
            assertEquals(200, r.status());
            assertEquals("callback DELETE", r.text());
        }

        @Test
        void callbackError() throws Exception {
            WrapperProcess p = startReady("handler.callbackError");
            UnixHttp.Response r = UnixHttp.get(socket, "/");
            assertEquals(500, r.status());
            assertEquals(Map.of("error", "callback failed"), r.json());
            p.awaitStderr("callback failed", Duration.ofSeconds(5));
        }

        @Test
        void rejectedPromise() throws Exception {
            startReady("handler.rejecting");
            UnixHttp.Response r = UnixHttp.get(socket, "/");
            assertEquals(500, r.status());
            assertEquals(Map.of("error", "rejected"), r.json());
        }
    }

    // ================================================================= python

    @Nested
    class Python extends RuntimeContract {

        @Override
        String runtime() {
            return "python";
        }

        @Override
        String interpreter() {
            return "/usr/bin/python3";
        }

        @Override
        String wrapperFile() {
            return "wrapper.py";
        }

        @Override
        String stackMarker() {
            return "Traceback (most recent call last)";
        }

        @Override
        String thrownMessage() {
            return "boom from python";
        }

        @Override
        void writeHandlers(Path dir) throws IOException {
            Files.writeString(dir.resolve("handler.py"), """
                    import asyncio
                    import base64
                    import os
                    import time


                    def echo(event, context):
                        return {"event": event, "context": context, "env": os.environ.get("GREETING")}


                    def status(event, context):
                        return {"statusCode": 201, "headers": {"X-Custom": "v", "X-Num": 42}, "body": "created"}


                    def jsonBody(event, context):
                        return {"statusCode": 202, "body": {"ok": True, "list": [1, 2]}}


                    def binary(event, context):
                        return {
                            "statusCode": 200,
                            "headers": {"Content-Type": "image/png"},
                            "body": base64.b64encode(bytes([0, 1, 2, 255])).decode(),
                            "isBase64Encoded": True,
                        }


                    def text(event, context):
                        return "hello " + event["queryStringParameters"]["name"]


                    def list(event, context):
                        return [1, "two", True]


                    def nothing(event, context):
                        return None


                    async def asyncHandle(event, context):
                        await asyncio.sleep(0.02)
                        return "async " + event["path"]


                    def slow(event, context):
                        time.sleep(0.3)
                        return "slow " + event["path"]


                    def fail(event, context):
                        raise ValueError("boom from python")


                    def envVar(event, context):
                        return os.environ.get(event["queryStringParameters"]["name"], "<unset>")


                    notAFunction = 42
                    """);
            Files.writeString(dir.resolve("hello.py"), "def handle(event, context):\n    return 'hello'\n");
            Files.writeString(dir.resolve("broken.py"), "def handle(event, context):\n    return event[\n");
            Files.createDirectories(dir.resolve("src"));
            Files.createDirectories(dir.resolve("lib"));
            Files.writeString(dir.resolve("lib/helper.py"), "def name():\n    return 'from-lib'\n");
            Files.writeString(dir.resolve("src/app.py"), """
                    from lib import helper


                    def main(event, context):
                        return {"statusCode": 200, "body": "nested " + helper.name()}
                    """);
        }
    }
}
