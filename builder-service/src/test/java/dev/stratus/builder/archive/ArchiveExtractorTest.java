package dev.stratus.builder.archive;

import dev.stratus.builder.Zips;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiveExtractorTest {
    private static final int MIB = 1024 * 1024;
    private final ArchiveExtractor extractor = new ArchiveExtractor(10L * MIB, 100);

    @TempDir
    Path root;

    @Test
    void extractsTheFilesAndListsThemSorted() throws Exception {
        byte[] zip = Zips.of("lib/", "", "lib/util.js", "module.exports = 1;", "handler.js", Zips.HELLO_NODE,
                "./README.md", "# hello", "a/b/c.txt", "deep");
        Path code = Files.createDirectories(root.resolve("code"));

        List<String> files = extractor.extract(new ByteArrayInputStream(zip), code, "handler.js");

        assertEquals(List.of("README.md", "a/b/c.txt", "handler.js", "lib/util.js"), files,
                "regular files only, ./ dropped, sorted");
        assertEquals(Zips.HELLO_NODE, Files.readString(code.resolve("handler.js")));
        assertEquals("module.exports = 1;", Files.readString(code.resolve("lib/util.js")));
        assertEquals("deep", Files.readString(code.resolve("a/b/c.txt")));
    }

    @Test
    void findsAHandlerInASubfolder() throws Exception {
        byte[] zip = Zips.of("src\\app.py", "def main(event, context): return 'hi'");
        Path code = Files.createDirectories(root.resolve("code"));

        assertEquals(List.of("src/app.py"), extractor.extract(new ByteArrayInputStream(zip), code, "src/app.py"),
                "backslashes from Windows zip tools are separators");
        assertTrue(Files.isRegularFile(code.resolve("src/app.py")));
    }

    @TestFactory
    Stream<DynamicTest> refusesEntriesThatEscapeTheFunctionRoot() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("../x.js", "entry ../x.js escapes the function root with ..");
        expected.put("lib/../../x.js", "entry lib/../../x.js escapes the function root with ..");
        expected.put("..\\x.js", "entry ..\\x.js escapes the function root with ..");
        expected.put("/x.js", "entry /x.js has an absolute path");
        expected.put("C:\\x.js", "entry C:\\x.js has an absolute path");
        expected.put("c:/x.js", "entry c:/x.js has an absolute path");
        return expected.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path scratch = Files.createTempDirectory(root, "scratch");
            Path code = Files.createDirectories(scratch.resolve("a/code"));
            byte[] zip = Zips.of("handler.js", Zips.HELLO_NODE, e.getKey(), "escaped");

            String message = refusal(zip, code, "handler.js");

            assertEquals(e.getValue(), message);
            try (Stream<Path> written = Files.walk(scratch)) {
                assertEquals(List.of(), written.filter(p -> p.getFileName().toString().equals("x.js")).toList(),
                        "nothing written for the refused entry");
            }
        }));
    }

    @Test
    void namesTheMissingHandlerFile() throws Exception {
        byte[] zip = Zips.of("function/handler.js", Zips.HELLO_NODE);

        String message = refusal(zip, root, "handler.js");

        assertEquals("handler file handler.js was not found at the root of the archive (zip the function's folder "
                + "contents, not the folder)", message);
    }

    @Test
    void stopsAZipBombAtTheLimitWithoutExpandingIt() throws Exception {
        // 64 MiB of zeros deflate to about 64 KiB
        byte[] zip = Zips.of(Map.of("handler.js", new byte[64 * MIB]));
        assertTrue(zip.length < MIB, "a bomb: " + zip.length + " bytes");
        ArchiveExtractor limited = new ArchiveExtractor(MIB, 100);

        InvalidArchiveException refused = assertThrows(InvalidArchiveException.class,
                () -> limited.extract(new ByteArrayInputStream(zip), root, "handler.js"));

        assertEquals("the archive unpacks to more than 1 MiB", refused.getMessage());
        assertTrue(Files.size(root.resolve("handler.js")) <= MIB, "expansion stopped at the limit");
    }

    @Test
    void countsTheLimitOverAllEntries() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("handler.js", Zips.HELLO_NODE.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 20; i++) {
            entries.put("data/" + i + ".bin", new byte[100 * 1024]);
        }
        ArchiveExtractor limited = new ArchiveExtractor(512 * 1024, 100);

        InvalidArchiveException refused = assertThrows(InvalidArchiveException.class,
                () -> limited.extract(new ByteArrayInputStream(Zips.of(entries)), root, "handler.js"));

        assertEquals("the archive unpacks to more than 512 KiB", refused.getMessage());
        assertFalse(Files.exists(root.resolve("data/6.bin")), "extraction stopped at the entry that crossed it");
    }

    @Test
    void refusesTooManyEntries() throws Exception {
        byte[] zip = Zips.of("handler.js", "", "a", "", "b", "", "c/", "", "c/d", "", "e", "");

        String message = refusal(new ArchiveExtractor(MIB, 5), zip, root, "handler.js");

        assertEquals("the archive has more than 5 entries", message);
    }

    @Test
    void refusesWhatIsNotAZip() throws Exception {
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        assertEquals("the archive is empty or not a zip file", refusal(random, root, "handler.js"));
        assertEquals("the archive is empty or not a zip file",
                refusal("just text".getBytes(StandardCharsets.UTF_8), root, "handler.js"));
        assertEquals("the archive is empty or not a zip file", refusal(new byte[0], root, "handler.js"));
        assertEquals("the archive is empty or not a zip file", refusal(Zips.of("lib/", ""), root, "handler.js"),
                "folders only");
    }

    @Test
    void refusesATruncatedZip() throws Exception {
        byte[] noise = new byte[100_000];
        new Random(7).nextBytes(noise);
        byte[] zip = Zips.of(Map.of("handler.js", noise));

        String message = refusal(Arrays.copyOf(zip, zip.length / 2), root, "handler.js");

        assertTrue(message.startsWith("the archive is truncated or damaged"), message);
    }

    @Test
    void refusesDuplicateEntries() throws Exception {
        assertEquals("the archive contains handler.js twice",
                refusal(Zips.withDuplicateEntry("handler.js", Zips.HELLO_NODE), root, "handler.js"));
        Path other = Files.createDirectories(root.resolve("other"));
        assertEquals("the archive contains handler.js twice (./handler.js is another spelling of the same path)",
                refusal(Zips.of("handler.js", "a", "./handler.js", "b"), other, "handler.js"),
                "the same file under two spellings");
    }

    private String refusal(byte[] zip, Path target, String handlerFile) throws IOException {
        return refusal(extractor, zip, target, handlerFile);
    }

    /** The message users see as error_message: one plain sentence, no exception class names. */
    private static String refusal(ArchiveExtractor extractor, byte[] zip, Path target, String handlerFile)
            throws IOException {
        InvalidArchiveException refused = assertThrows(InvalidArchiveException.class,
                () -> extractor.extract(new ByteArrayInputStream(zip), target, handlerFile));
        String message = refused.getMessage();
        assertFalse(message.contains("Exception") || message.contains("java."), message);
        return message;
    }
}
