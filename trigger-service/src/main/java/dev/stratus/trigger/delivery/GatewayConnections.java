package dev.stratus.trigger.delivery;

import dev.stratus.common.http.HttpConnection;
import dev.stratus.common.http.ResponseTooLargeException;
import dev.stratus.common.http.UpstreamResponse;
import dev.stratus.common.http.UpstreamTimeoutException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Keep-alive connections to the gateway, each used by one delivery at a time on its own thread: a blocking
 * exchange there costs two system calls, where {@code java.net.http} hands every call between three threads.
 */
final class GatewayConnections implements AutoCloseable {
    private final InetSocketAddress address;
    private final int connectTimeoutMillis;
    private final long maxResponseBytes;
    private final Deque<HttpConnection> idle = new ConcurrentLinkedDeque<>();

    /** The gateway could not be connected to at all: the platform is down, not the function. */
    static final class GatewayUnreachableException extends IOException {
        GatewayUnreachableException(IOException cause) {
            super(cause.toString(), cause);
        }
    }

    GatewayConnections(InetSocketAddress address, int connectTimeoutMillis, long maxResponseBytes) {
        this.address = address;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** POSTs to {@code /}; an idle connection the gateway has closed meanwhile is replaced once. */
    UpstreamResponse post(List<Map.Entry<String, String>> headers, byte[] body, long timeoutMillis)
            throws IOException {
        HttpConnection reused = idle.pollFirst();
        if (reused != null) {
            try {
                return exchange(reused, headers, body, timeoutMillis);
            } catch (UpstreamTimeoutException | ResponseTooLargeException e) {
                // the call got through: sending it again would only repeat it
                throw e;
            } catch (IOException stale) {
                // closed while it sat idle: the call goes out again on a new connection (at least once)
            }
        }
        HttpConnection fresh;
        try {
            fresh = HttpConnection.open(address, connectTimeoutMillis);
        } catch (IOException e) {
            throw new GatewayUnreachableException(e);
        }
        return exchange(fresh, headers, body, timeoutMillis);
    }

    private UpstreamResponse exchange(HttpConnection connection, List<Map.Entry<String, String>> headers,
                                      byte[] body, long timeoutMillis) throws IOException {
        try {
            UpstreamResponse response = connection.exchange("POST", "/", headers, body, timeoutMillis,
                    maxResponseBytes);
            if (connection.reusable()) {
                idle.offerFirst(connection);
            } else {
                connection.close();
            }
            return response;
        } catch (IOException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (HttpConnection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            connection.close();
        }
    }
}
