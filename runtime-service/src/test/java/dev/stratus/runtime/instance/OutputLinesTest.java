package dev.stratus.runtime.instance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputLinesTest {

    @Test
    void splitsOnLineBreaksAndKeepsALastLineWithoutOne() throws IOException {
        assertEquals(List.of("one", "two", "", "three"), all(bytes("one\ntwo\r\n\nthree")));
        assertEquals(List.of(), all(bytes("")));
    }

    @Test
    @Timeout(60)
    void aLineOf300MegabytesComesOutCutAt8KiBAndTheNextLineIsIntact() throws IOException {
        long huge = 300L * 1024 * 1024;
        InputStream stream = new SequenceInputStream(new Repeating('x', huge), bytes("\nafter\n"));
        OutputLines lines = new OutputLines(stream);
        String cut = lines.next();
        assertEquals(OutputLines.MAX_LINE_BYTES, cut.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(cut.startsWith("xxxx") && cut.endsWith(" [line cut at 8 KiB]"), cut.substring(cut.length() - 40));
        assertEquals("after", lines.next());
        assertEquals(null, lines.next());
    }

    @Test
    void aLineOfExactlyTheKeptLengthIsNotCut() throws IOException {
        String fits = "y".repeat(OutputLines.MAX_LINE_BYTES - OutputLines.CUT_MARK.length());
        assertEquals(List.of(fits), all(bytes(fits + "\n")));
        assertEquals(List.of(fits.substring(1) + "z" + OutputLines.CUT_MARK), all(bytes(fits.substring(1) + "zz\n")));
    }

    @Test
    void aCutNeverSplitsACharacter() throws IOException {
        // three-byte characters do not divide the kept length evenly
        String euros = "€".repeat(OutputLines.MAX_LINE_BYTES);
        String cut = all(bytes(euros + "\n")).getFirst();
        assertTrue(cut.endsWith("€" + OutputLines.CUT_MARK), cut.substring(cut.length() - 30));
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= OutputLines.MAX_LINE_BYTES);
        assertTrue(cut.chars().noneMatch(c -> c == '\uFFFD'), "no replacement character");
    }

    private static List<String> all(InputStream in) throws IOException {
        OutputLines lines = new OutputLines(in);
        List<String> all = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            all.add(line);
        }
        return all;
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code length} copies of one byte, made as they are read: the whole would not fit the test's heap. */
    private static final class Repeating extends InputStream {
        private final byte value;
        private long left;

        Repeating(char value, long length) {
            this.value = (byte) value;
            this.left = length;
        }

        @Override
        public int read() {
            return left-- > 0 ? value : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int size = (int) Math.min(length, left);
            java.util.Arrays.fill(into, offset, offset + size, value);
            left -= size;
            return size;
        }
    }
}
