package dev.stratus.common.http;

import java.io.IOException;

/** The instance did not answer within the function's timeout. */
public class UpstreamTimeoutException extends IOException {
    public UpstreamTimeoutException(long timeoutMillis) {
        super("the function did not answer within its timeout of " + timeoutMillis / 1000 + " s");
    }
}
