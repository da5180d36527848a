package dev.stratus.runtime.instance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Which revisions' instances a stem cell can become: those alike in every file but their code. */
class StemCellKindsTest {
    private static final List<String> COMMAND = List.of("/runtime/bin/node", "/stratus/wrapper.js");

    @TempDir
    Path dir;

    @Test
    void revisionsWithTheSameInterpreterShareAKindAndAnotherInterpreterIsAnotherKind() throws Exception {
        Path node22 = Files.writeString(dir.resolve("node22"), "the node 22 binary");
        Path node20 = Files.writeString(dir.resolve("node20"), "the node 20 binary");
        Path copyOf22 = Files.writeString(dir.resolve("copy-of-22"), "the node 22 binary");
        StemCellKinds kinds = new StemCellKinds();

        var one = kinds.of(spec(revision("one", node22, true, "exports.one = 1"))).orElseThrow();
        var two = kinds.of(spec(revision("two", node22, true, "exports.two = 2"))).orElseThrow();
        var copied = kinds.of(spec(revision("copied", copyOf22, false, "exports.three = 3"))).orElseThrow();
        var older = kinds.of(spec(revision("older", node20, true, "exports.one = 1"))).orElseThrow();

        assertEquals(one, two, "the code differs, nothing else");
        assertEquals(one, copied, "the same content, whether linked or not");
        assertNotEquals(one, older);
    }

    /** A revision root as RevisionStore assembles it: the interpreter hard-linked from its layer, or copied. */
    private Path revision(String name, Path interpreter, boolean linked, String code) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve("runtime/bin"));
        Files.createDirectories(root.resolve("fn"));
        Files.createDirectories(root.resolve("stratus"));
        if (linked) {
            Files.createLink(root.resolve("runtime/bin/node"), interpreter);
        } else {
            Files.copy(interpreter, root.resolve("runtime/bin/node"));
        }
        Files.writeString(root.resolve("stratus/wrapper.js"), "the wrapper");
        Files.writeString(root.resolve("fn/handler.js"), code);
        return root;
    }

    private static InstanceSpec spec(Path root) {
        return new InstanceSpec("0123456789abcdef", 1, root, COMMAND, "/fn", Map.of(), 128);
    }
}
