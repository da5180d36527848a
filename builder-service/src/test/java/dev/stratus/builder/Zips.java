package dev.stratus.builder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zip archives as users upload them, written in memory; names are taken verbatim, however odd. */
public final class Zips {
    public static final String HELLO_NODE = "exports.handle = async () => ({ statusCode: 200, body: 'hello' });\n";

    private Zips() {
    }

    /** Entries in order: name, text content, name, text content… A name ending in / is a directory. */
    public static byte[] of(String... nameThenContent) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            entries.put(nameThenContent[i], nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return of(entries);
    }

    public static byte[] of(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                if (!entry.getKey().endsWith("/")) {
                    zip.write(entry.getValue());
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A node function answering hello, with {@code handler.handle} as its handler. */
    public static byte[] helloNode() {
        return of("handler.js", HELLO_NODE);
    }

    /**
     * Two entries with exactly the same name: ZipOutputStream refuses to write them, so the second is written under
     * a same-length stand-in whose bytes are then swapped in, in the local header and the central directory alike.
     */
    public static byte[] withDuplicateEntry(String name, String content) {
        String standIn = name.substring(0, name.length() - 1) + (name.endsWith("~") ? "#" : "~");
        byte[] zip = of(name, content, standIn, content);
        byte[] from = standIn.getBytes(StandardCharsets.UTF_8);
        byte[] to = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + from.length <= zip.length; i++) {
            if (Arrays.equals(zip, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, zip, i, to.length);
            }
        }
        return zip;
    }
}
