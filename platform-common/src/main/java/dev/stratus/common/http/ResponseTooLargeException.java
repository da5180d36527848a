package dev.stratus.common.http;

import java.io.IOException;

/**
 * The answer's body was longer than the reader accepts; the connection is left mid-body and cannot be reused.
 */
public class ResponseTooLargeException extends IOException {
    private final long limitBytes;

    public ResponseTooLargeException(long limitBytes) {
        super("the response body is larger than the limit of " + describe(limitBytes));
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** A limit as people write it: "6 MiB", or bytes when it is no whole number of KiB or MiB. */
    public static String describe(long bytes) {
        if (bytes > 0 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes > 0 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
