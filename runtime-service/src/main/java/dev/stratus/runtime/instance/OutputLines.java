package dev.stratus.runtime.instance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits what an instance writes into lines on {@code \n} as the bytes come, holding at most 8 KiB of any line: the
 * rest of a longer one is read and dropped, and the kept part ends with {@link #CUT_MARK}. A function printing one
 * 300 MB line so costs the runtime 8 KiB, not a 300 MB string. Not thread-safe: one pump reads one stream.
 */
final class OutputLines {
    /** The most UTF-8 bytes of a line that leave this reader, cut mark included. */
    static final int MAX_LINE_BYTES = 8 * 1024;
    static final String CUT_MARK = " [line cut at 8 KiB]";
    private static final int KEPT_BYTES = MAX_LINE_BYTES - CUT_MARK.length();
    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private final byte[] line = new byte[KEPT_BYTES];
    private int start;
    private int end;

    OutputLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its line break (nor a {@code \r} before it), or null at the end of the stream. */
    String next() throws IOException {
        int length = 0;
        boolean cut = false;
        while (true) {
            if (start == end) {
                end = in.read(buffer);
                start = 0;
                if (end <= 0) {
                    end = 0;
                    // a last line without a line break still counts
                    return length == 0 && !cut ? null : text(length, cut);
                }
            }
            int newline = indexOfNewline();
            int stop = newline < 0 ? end : newline;
            int take = Math.min(stop - start, KEPT_BYTES - length);
            System.arraycopy(buffer, start, line, length, take);
            length += take;
            cut |= take < stop - start;
            start = newline < 0 ? end : newline + 1;
            if (newline >= 0) {
                return text(length, cut);
            }
        }
    }

    private int indexOfNewline() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private String text(int length, boolean cut) {
        if (cut) {
            return new String(line, 0, wholeCharacters(length), StandardCharsets.UTF_8) + CUT_MARK;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /** The kept length without a character the cut went through, which would decode as garbage. */
    private int wholeCharacters(int length) {
        int lead = length - 1;
        while (lead > 0 && lead > length - 4 && (line[lead] & 0xC0) == 0x80) {
            lead--;
        }
        if (lead < 0) {
            return length;
        }
        int b = line[lead] & 0xFF;
        int size = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        return lead + size > length ? lead : length;
    }
}
