package dev.stratus.builder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    /**
     * An archive whose entry {@code name} is a unix symlink to {@code linkTarget}, as {@code zip --symlinks} writes
     * it: the entry's data is the target path and its central directory record says "made on unix, mode 0120777".
     */
    public static byte[] withSymlink(String handlerName, String handlerContent, String name, String linkTarget) {
        byte[] zip = of(handlerName, handlerContent, name, linkTarget);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 <= zip.length; i++) {
            if (buffer.getInt(i) != 0x02014b50) {
                continue;
            }
            int nameLength = Short.toUnsignedInt(buffer.getShort(i + 28));
            if (Arrays.equals(zip, i + 46, i + 46 + nameLength, wanted, 0, wanted.length)) {
                buffer.putShort(i + 4, (short) 0x031e); // version made by: 3.0 on unix
                buffer.putInt(i + 38, 0120777 << 16); // external attributes: symlink, rwxrwxrwx
                return zip;
            }
        }
        throw new IllegalStateException("no central directory record for " + name);
    }
}
