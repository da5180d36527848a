package dev.stratus.runtime.records;

import dev.stratus.common.event.FunctionLogLines;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Size limits on shipped output: per line, and per Kafka record. */
final class LogLines {
    static final int MAX_LINE_BYTES = 8 * 1024;
    static final String CUT_MARK = "…";
    /**
     * Characters of messages per record: even if each needed a six-character JSON escape, a record stays under
     * Kafka's default 1 MB limit.
     */
    static final int MAX_RECORD_CHARS = 128 * 1024;

    /** The message as is if it fits in 8 KiB of UTF-8, else its longest prefix that fits with a cut mark. */
    static String cap(String message) {
        if (message == null) {
            return "";
        }
        // three bytes at most per UTF-16 char: short messages need no encoding to be known to fit
        if (message.length() * 3 <= MAX_LINE_BYTES) {
            return message;
        }
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_LINE_BYTES) {
            return message;
        }
        int budget = MAX_LINE_BYTES - CUT_MARK.getBytes(StandardCharsets.UTF_8).length;
        int end = 0;
        int bytes = 0;
        while (end < message.length()) {
            int codePoint = message.codePointAt(end);
            int size = utf8Length(codePoint);
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return message.substring(0, end) + CUT_MARK;
    }

    /** Consecutive runs of lines whose messages add up to at most {@link #MAX_RECORD_CHARS}. */
    static List<List<FunctionLogLines.Line>> chunks(List<FunctionLogLines.Line> lines) {
        List<List<FunctionLogLines.Line>> chunks = new ArrayList<>();
        List<FunctionLogLines.Line> current = new ArrayList<>();
        int chars = 0;
        for (FunctionLogLines.Line line : lines) {
            int size = line.message().length();
            if (!current.isEmpty() && chars + size > MAX_RECORD_CHARS) {
                chunks.add(current);
                current = new ArrayList<>();
                chars = 0;
            }
            current.add(line);
            chars += size;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    private LogLines() {
    }
}
