package dev.stratus.runtime.instance;

import dev.stratus.common.http.HttpConnection;
import dev.stratus.testkit.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instances made from stem cells, with the platform's real wrappers in real bubblewrap sandboxes: what they serve,
 * what they can see, their limits, and that they are indistinguishable from instances started from scratch.
 */
@Timeout(120)
class StemCellTest {
    private static final List<String> NODE = List.of("/usr/bin/node", "/stratus/wrapper.js");
    private static final List<String> PYTHON = List.of("/usr/bin/python3", "/stratus/wrapper.py");
    private static Path dataDir;
    private static SandboxDirectories dirs;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> OUTPUT = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static ProcessBackend cells;
    private static ProcessBackend scratch;
    private static Path nodeA;
    private static Path nodeB;
    private static Path nodeBroken;
    private static Path pythonA;

    @BeforeAll
    static void startBackends() throws Exception {
        dataDir = Files.createTempDirectory("stratus-data");
        dirs = new SandboxDirectories(dataDir.toString(), "");
        cells = new ProcessBackend(dirs, 65534, 1, ProcessBackend.DEFAULT_MAX_PROCESSES, StemCellTest::collect);
        scratch = new ProcessBackend(dirs, 65534);
        nodeA = Revisions.node(dirs, "node-a", "code of A", Revisions.NODE_PROBE);
        nodeB = Revisions.node(dirs, "node-b", "code of B", Revisions.NODE_PROBE);
        nodeBroken = Revisions.node(dirs, "node-broken", "", "exports.other = () => 'no handle here';\n");
        pythonA = Revisions.python(dirs, "python-a", "python code of A");
        // the first start of a kind is from scratch and teaches the backend the kind
        for (InstanceSpec first : List.of(spec(nodeA, "a", 64), spec(pythonA, "a", 64))) {
            Instance instance = cells.start(first);
            instance.ready().get(20, TimeUnit.SECONDS);
            instance.stop();
        }
    }

    @AfterAll
    static void stop() {
        if (cells != null) {
            cells.stopAll();
            scratch.stopAll();
        }
        SandboxDirectories.deleteTree(dirs.revisions().getParent());
        SandboxDirectories.deleteTree(dataDir);
    }

    @Test
    void aCellBecomesAnInstanceWithItsFunctionsCodeAndEnvironmentOnly() throws Exception {
        Instance instance = fromCell(spec(nodeA, "a", 64));
        try {
            assertEquals("code of A", get(instance, "/read?path=" + encode("/fn/code.txt")),
                    "code linked in after the cell started shows through its /fn");
            assertEquals("code.txt\nhandler.js", get(instance, "/list?path=/fn"));
            assertEquals("a", get(instance, "/env?name=SECRET"));
            assertEquals("<unset>", get(instance, "/env?name=FN_STEM"));
            assertEquals("ENOENT", get(instance, "/read?path=" + encode(nodeB.resolve("fn/code.txt").toString())));
            assertEquals("ENOENT", get(instance, "/read?path=" + encode(dirs.cells().toString())));
            for (String path : List.of("/fn/new-file", "/fn/code.txt", "/stratus/wrapper.js")) {
                String result = get(instance, "/write?path=" + encode(path));
                assertTrue(result.equals("EROFS") || result.equals("EACCES"), path + " was writable: " + result);
            }
            assertTrue(get(instance, "/whoami").contains("\"uid\":1000"));
        } finally {
            instance.stop();
        }
    }

    @Test
    void whatAnInstanceWritesGoesOutUnderItsFunctionAndInstance() throws Exception {
        ProcessBackend noCells = new ProcessBackend(dirs, 65534, 0, ProcessBackend.DEFAULT_MAX_PROCESSES,
                StemCellTest::collect);
        for (boolean fromCell : List.of(true, false)) {
            InstanceSpec spec = spec(nodeA, "a", 64);
            Instance instance = fromCell ? fromCell(spec) : noCells.start(spec);
            try {
                instance.ready().get(20, TimeUnit.SECONDS);
                String text = fromCell ? "from-a-cell" : "from-scratch";
                assertEquals("logged", get(instance, "/log?text=" + text));
                String prefix = spec.functionId() + " " + instance.id() + " ";
                Poll.until("both lines of " + text, () -> OUTPUT.contains(prefix + "stdout out " + text)
                        && OUTPUT.contains(prefix + "stderr err " + text), () -> "output: " + OUTPUT, WAIT);
                assertFalse(OUTPUT.stream().anyMatch(line -> line.contains("STRATUS_READY")),
                        "the wrapper's own protocol is not the function's output: " + OUTPUT);
            } finally {
                instance.stop();
            }
        }
        noCells.stopAll();
    }

    private static void collect(String functionId, String instanceId, boolean stderr, String line) {
        OUTPUT.add(functionId + " " + instanceId + " " + (stderr ? "stderr" : "stdout") + " " + line);
    }

    @Test
    void anInstanceFromACellLooksLikeOneStartedFromScratch() throws Exception {
        InstanceSpec spec = spec(nodeA, "a", 96);
        Instance fromCell = fromCell(spec);
        Instance fromScratch = scratch.start(spec);
        try {
            fromScratch.ready().get(20, TimeUnit.SECONDS);
            assertEquals(get(fromScratch, "/environment"), get(fromCell, "/environment"));
            assertTrue(fromCell.id().startsWith("0a0a0a0a-1-"), "named after its function: " + fromCell.id());
            assertEquals(dirs.instances().resolve(fromCell.id()).resolve("http.sock"), fromCell.socket());
            assertEquals(List.of(), fromCell.recentOutput());
        } finally {
            fromCell.stop();
            fromScratch.stop();
        }
        assertEquals("the instance was stopped", fromCell.exited().get(10, TimeUnit.SECONDS));
        ProcessInstance process = (ProcessInstance) fromCell;
        assertTrue(Files.notExists(fromCell.socket().getParent()), "its socket folder is removed");
        assertTrue(Files.notExists(dirs.cells().resolve(process.processName())), "its code folder is removed");
        assertTrue(Files.exists(nodeA.resolve("fn/code.txt")), "the revision's own files stay");
    }

    @Test
    void aCellServesOneFunctionAndIsNeverGivenAnother() throws Exception {
        Instance a = fromCell(spec(nodeA, "a", 64));
        try {
            byte[] other = Specialisation.request(spec(nodeB, "b", 64)).getBytes(StandardCharsets.UTF_8);
            try (HttpConnection connection = HttpConnection.open(a.socket())) {
                assertEquals(409, connection.exchange("POST", Specialisation.PATH, List.of(Map.entry("Host", "fn")),
                        other, 10_000).status());
            }
            assertEquals("a", get(a, "/env?name=SECRET"));
            assertEquals("code of A", get(a, "/read?path=" + encode("/fn/code.txt")));

            Instance b = fromCell(spec(nodeB, "b", 64));
            try {
                assertNotEquals(((ProcessInstance) a).processName(), ((ProcessInstance) b).processName());
                assertEquals("code of B", get(b, "/read?path=" + encode("/fn/code.txt")));
                assertEquals("b", get(b, "/env?name=SECRET"));
            } finally {
                b.stop();
            }
        } finally {
            a.stop();
        }
    }

    @Test
    void theFunctionsMemoryLimitAppliesOnceTheCellIsSpecialised() throws Exception {
        Instance small = fromCell(spec(nodeA, "a", 64));
        assertThrows(IOException.class, () -> get(small, "/hog?mb=256"));
        String reason = small.exited().get(10, TimeUnit.SECONDS);
        assertTrue(reason.contains("memory limit of 64 MB"), reason);

        Instance large = fromCell(spec(nodeA, "a", 512)); // more than a cell gets before it is specialised
        try {
            assertEquals("allocated 300", get(large, "/hog?mb=300"));
        } finally {
            large.stop();
        }
    }

    @Test
    void aTakenCellIsReplaced() throws Exception {
        InstanceSpec spec = spec(nodeA, "a", 64);
        Instance taken = fromCell(spec);
        try {
            assertEquals(0, cells.readyStemCells(spec), "the only cell of the kind was taken");
            Poll.until("a new cell listens", () -> cells.readyStemCells(spec) == 1, WAIT);
            assertEquals("code of A", get(taken, "/read?path=" + encode("/fn/code.txt")));
        } finally {
            taken.stop();
        }
    }

    @Test
    void aHandlerThatDoesNotLoadFailsAsAStartFromScratchWould() throws Exception {
        InstanceSpec spec = spec(nodeBroken, "broken", 64); // the same wrapper as node-a: the same kind of cell
        Instance fromCell = fromCell(spec);
        InstanceStartException cellFailure = startFailure(fromCell);
        InstanceStartException scratchFailure = startFailure(scratch.start(spec));
        assertTrue(cellFailure.handlerError(), cellFailure.getMessage());
        assertTrue(scratchFailure.handlerError());
        assertEquals(scratchFailure.getMessage(), cellFailure.getMessage());
        assertTrue(cellFailure.getMessage().contains("has no function export 'handle'"), cellFailure.getMessage());
        assertEquals(scratchFailure.getMessage(), fromCell.exited().get(10, TimeUnit.SECONDS));
    }

    @Test
    void anEnvironmentReadAsTheInterpreterStartsIsNotServedFromACell() throws Exception {
        InstanceSpec base = spec(nodeA, "a", 64);
        Poll.until("a cell listens", () -> cells.readyStemCells(base) == 1, WAIT);
        InstanceSpec withOptions = new InstanceSpec(base.functionId(), 1, nodeA, NODE, "/fn",
                Map.of("FN_HANDLER", "handler.handle", "NODE_OPTIONS", "--max-old-space-size=48"), 64);
        Instance instance = cells.start(withOptions);
        try {
            assertFalse(((ProcessInstance) instance).stemCell(), "started from scratch");
            instance.ready().get(20, TimeUnit.SECONDS);
            assertEquals("--max-old-space-size=48", get(instance, "/env?name=NODE_OPTIONS"));
            assertEquals(1, cells.readyStemCells(base), "the cell was left for another function");
        } finally {
            instance.stop();
        }
    }

    @Test
    void aPythonCellServesItsFunction() throws Exception {
        Instance instance = fromCell(spec(pythonA, "a", 64));
        try {
            assertEquals("python code of A", get(instance, "/read?path=" + encode("/fn/code.txt")));
            assertEquals("a", get(instance, "/env?name=SECRET"));
            assertEquals("<unset>", get(instance, "/env?name=FN_STEM"));
            assertEquals("ENOENT", get(instance, "/read?path=" + encode(nodeB.resolve("fn/code.txt").toString())));
        } finally {
            instance.stop();
        }
    }

    /** An instance of {@code spec} made from a cell, once one listens; ready. */
    private static Instance fromCell(InstanceSpec spec) throws Exception {
        Poll.until("a cell listens for " + spec.command(), () -> cells.readyStemCells(spec) >= 1, WAIT);
        Instance instance = cells.start(spec);
        assertTrue(((ProcessInstance) instance).stemCell(), "made from a cell");
        if (!spec.root().equals(nodeBroken)) {
            instance.ready().get(20, TimeUnit.SECONDS);
        }
        return instance;
    }

    private static InstanceStartException startFailure(Instance instance) {
        var failure = assertThrows(ExecutionException.class, () -> instance.ready().get(20, TimeUnit.SECONDS));
        return assertInstanceOf(InstanceStartException.class, failure.getCause());
    }

    private static InstanceSpec spec(Path root, String secret, int memoryMb) {
        String functionId = root.equals(nodeB) ? "0b0b0b0b0b0b0b0b" : "0a0a0a0a0a0a0a0a";
        return new InstanceSpec(functionId, 1, root, root.equals(pythonA) ? PYTHON : NODE, "/fn",
                Map.of("FN_HANDLER", "handler.handle", "FN_CODE_DIR", "/fn", "TZ", "UTC", "FN_NAME", "probe",
                        "SECRET", secret), memoryMb);
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
