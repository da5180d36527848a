package dev.stratus.builder.archive;

import dev.stratus.builder.Zips;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names and files an attacker chooses must never put a byte outside the build folder. */
class ArchiveExtractorEscapeTest {
    private final ArchiveExtractor extractor = new ArchiveExtractor(10L * 1024 * 1024, 100);

    @TempDir
    Path root;

    /** The name is normalised before it is checked: ".//" + an absolute path is a relative path, kept inside. */
    @Test
    void aDotSlashSlashNameStaysInsideTheBuildFolder() throws Exception {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Path code = Files.createDirectories(root.resolve("code"));
        String evil = ".//" + outside.resolve("evil");
        byte[] zip = Zips.of("handler.js", Zips.HELLO_NODE, evil, "escaped");

        List<String> files = extract(zip, code);

        assertFalse(Files.exists(outside.resolve("evil")), "nothing written at " + outside.resolve("evil"));
        try (Stream<Path> written = Files.list(outside)) {
            assertEquals(List.of(), written.toList());
        }
        String inside = outside.resolve("evil").toString().substring(1);
        assertEquals(List.of("handler.js", inside).stream().sorted().toList(), files);
        assertEquals("escaped", Files.readString(code.resolve(inside)));
    }

    @TestFactory
    Stream<DynamicTest> refusesUnsafeNames() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/abs", "entry /abs has an absolute path");
        expected.put("//server/share/abs", "entry //server/share/abs has an absolute path");
        expected.put("../up", "entry ../up escapes the function root with ..");
        expected.put("a/../../up", "entry a/../../up escapes the function root with ..");
        expected.put("./a/../up", "entry ./a/../up escapes the function root with ..");
        expected.put("C:/x", "entry C:/x has an absolute path");
        expected.put("a\u0000b", "entry a\\u0000b contains a control character");
        expected.put("a\nb", "entry a\\u000ab contains a control character");
        expected.put("a\u007fb", "entry a\\u007fb contains a control character");
        return expected.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path scratch = Files.createTempDirectory(root, "scratch");
            Path code = Files.createDirectories(scratch.resolve("a/code"));
            byte[] zip = Zips.of("handler.js", Zips.HELLO_NODE, e.getKey(), "escaped");

            assertEquals(e.getValue(), refusal(zip, code));
            try (Stream<Path> written = Files.walk(scratch)) {
                assertEquals(List.of(code.resolve("handler.js")), written.filter(Files::isRegularFile).toList(),
                        "nothing written for the refused entry");
            }
        }));
    }

    @Test
    void refusesTwoSpellingsOfOnePath() throws Exception {
        Map<String, String> second = new LinkedHashMap<>();
        second.put("a//b", "the archive contains a/b twice (a//b is another spelling of the same path)");
        second.put("a/./b", "the archive contains a/b twice (a/./b is another spelling of the same path)");
        second.put("a\\b", "the archive contains a/b twice (a\\b is another spelling of the same path)");
        second.put("./a/b", "the archive contains a/b twice (./a/b is another spelling of the same path)");
        for (Map.Entry<String, String> e : second.entrySet()) {
            Path code = Files.createTempDirectory(root, "code");
            assertEquals(e.getValue(), refusal(Zips.of("handler.js", "x", "a/b", "1", e.getKey(), "2"), code));
        }
        Path code = Files.createTempDirectory(root, "code");
        assertEquals("the archive contains h.js twice (.//h.js is another spelling of the same path)",
                refusal(Zips.of("h.js", "1", ".//h.js", "2"), code));
    }

    @Test
    void extractsOddButSafeSpellingsUnderTheirNormalName() throws Exception {
        byte[] zip = Zips.of("./handler.js", Zips.HELLO_NODE, "lib//x.js", "x", "lib/./sub/y.js", "y", "doc\\", "");
        Path code = Files.createDirectories(root.resolve("code"));

        assertEquals(List.of("handler.js", "lib/sub/y.js", "lib/x.js"), extract(zip, code));
        assertEquals("y", Files.readString(code.resolve("lib/sub/y.js")));
        assertTrue(Files.isDirectory(code.resolve("doc")), "a\\ entry is a folder");
    }

    @Test
    void refusesAFileWhereAFolderIsNeeded() throws Exception {
        assertEquals("entry a/b needs a folder a but the archive has a file of that name",
                refusal(Zips.of("handler.js", "x", "a", "file", "a/b", "inner"), root));
    }

    @Test
    void writesASymlinkEntryAsAPlainFileNeverAsALink() throws Exception {
        Path secret = Files.writeString(root.resolve("secret"), "host secret");
        Path code = Files.createDirectories(root.resolve("code"));
        byte[] zip = Zips.withSymlink("handler.js", Zips.HELLO_NODE, "link", secret.toString());

        assertEquals(List.of("handler.js", "link"), extract(zip, code));

        assertTrue(Files.isRegularFile(code.resolve("link"), LinkOption.NOFOLLOW_LINKS), "not a symlink");
        assertEquals(secret.toString(), Files.readString(code.resolve("link")), "the link text, not the secret");
    }

    @Test
    void neverWritesThroughASymlinkFolderAlreadyInTheBuildFolder() throws Exception {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Path code = Files.createDirectories(root.resolve("code"));
        Files.createSymbolicLink(code.resolve("lib"), outside);
        byte[] zip = Zips.of("handler.js", Zips.HELLO_NODE, "lib/sub/x.js", "escaped");

        IOException refused = assertThrows(IOException.class, () -> extract(zip, code));

        assertEquals("refusing to extract lib/sub/x.js through the symlink " + code.resolve("lib"),
                refused.getMessage());
        try (Stream<Path> written = Files.list(outside)) {
            assertEquals(List.of(), written.toList());
        }
    }

    @Test
    void neverWritesThroughASymlinkFileAlreadyInTheBuildFolder() throws Exception {
        Path victim = Files.writeString(root.resolve("victim"), "untouched");
        Path code = Files.createDirectories(root.resolve("code"));
        Files.createSymbolicLink(code.resolve("handler.js"), victim);

        IOException refused = assertThrows(IOException.class,
                () -> extract(Zips.of("handler.js", "overwritten"), code));

        assertTrue(refused.getMessage().startsWith("refusing to extract over "), refused.getMessage());
        assertEquals("untouched", Files.readString(victim));
    }

    private List<String> extract(byte[] zip, Path code) throws Exception {
        return extractor.extract(new ByteArrayInputStream(zip), code, "handler.js");
    }

    private String refusal(byte[] zip, Path code) {
        InvalidArchiveException refused = assertThrows(InvalidArchiveException.class,
                () -> extractor.extract(new ByteArrayInputStream(zip), code, "handler.js"));
        return refused.getMessage();
    }
}
