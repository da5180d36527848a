package dev.stratus.runtime.records;

import java.util.HashMap;
import java.util.Map;

/**
 * What the log buffer holds, counted per function in lines and bytes: a function past its share has its new lines
 * refused, so one noisy function cannot fill the buffer and push every other function's lines out.
 */
final class LineBudget {
    /* A String's header and the line's record around its characters, roughly. */
    private static final int LINE_OVERHEAD_BYTES = 64;
    private final int maxLinesPerFunction;
    private final long maxBytesPerFunction;
    private final long maxBytes;
    private final Map<String, long[]> used = new HashMap<>();
    private long bytes;

    LineBudget(int maxLinesPerFunction, long maxBytesPerFunction, long maxBytes) {
        this.maxLinesPerFunction = maxLinesPerFunction;
        this.maxBytesPerFunction = maxBytesPerFunction;
        this.maxBytes = maxBytes;
    }

    /** What a line of this message costs on the heap: two bytes a char, plus its objects. */
    static long size(String message) {
        return 2L * message.length() + LINE_OVERHEAD_BYTES;
    }

    /** Counts the line in if its function has room left in its share; false (nothing counted) if not. */
    synchronized boolean admit(String functionId, long size) {
        long[] function = used.computeIfAbsent(functionId, f -> new long[2]);
        if (function[0] + 1 > maxLinesPerFunction || function[1] + size > maxBytesPerFunction) {
            if (function[0] == 0) {
                used.remove(functionId);
            }
            return false;
        }
        function[0]++;
        function[1] += size;
        bytes += size;
        return true;
    }

    /** A line left the buffer, shipped or dropped. */
    synchronized void release(String functionId, long size) {
        long[] function = used.get(functionId);
        if (function == null) {
            return;
        }
        function[0]--;
        function[1] -= size;
        bytes -= size;
        if (function[0] <= 0) {
            used.remove(functionId);
        }
    }

    /** Whether all functions together hold more than the buffer may: the oldest lines then go. */
    synchronized boolean overTotal() {
        return bytes > maxBytes;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long bytes(String functionId) {
        long[] function = used.get(functionId);
        return function == null ? 0 : function[1];
    }
}
