package dev.stratus.runtime.records;

import dev.stratus.common.event.FunctionLogLines.Line;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogLinesTest {

    @Test
    void linesThatFitAreKeptAsTheyAre() {
        String fits = "x".repeat(LogLines.MAX_LINE_BYTES);
        assertSame(fits, LogLines.cap(fits));
        assertEquals("", LogLines.cap(null));
    }

    @Test
    void longLinesAreCutOnACharacterBoundary() {
        // four bytes each: a cut in the middle of one would leave invalid UTF-8
        String emoji = "😀".repeat(3_000);
        String cut = LogLines.cap(emoji);
        int bytes = cut.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= LogLines.MAX_LINE_BYTES, bytes + " bytes");
        assertTrue(cut.endsWith(LogLines.CUT_MARK));
        String kept = cut.substring(0, cut.length() - LogLines.CUT_MARK.length());
        assertEquals(0, kept.length() % 2, "whole surrogate pairs only");
        assertTrue(emoji.startsWith(kept));
    }

    @Test
    void recordsAreSplitToStayUnderKafkasSizeLimit() {
        String big = "y".repeat(8_000);
        var lines = IntStream.range(0, 40).mapToObj(i -> new Line(Instant.EPOCH, "stdout", big)).toList();
        var chunks = LogLines.chunks(lines);
        assertEquals(3, chunks.size(), "16 lines of 8,000 characters fit in 128 KiB");
        chunks.forEach(chunk -> assertTrue(chunk.stream().mapToInt(l -> l.message().length()).sum()
                <= LogLines.MAX_RECORD_CHARS));
        assertEquals(lines, chunks.stream().flatMap(List::stream).toList());
    }
}
