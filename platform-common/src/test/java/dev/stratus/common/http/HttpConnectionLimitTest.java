package dev.stratus.common.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The body limit against a real socket peer that answers with a body of any size, streamed as it is read: a
 * reader that buffered it whole would run for minutes and take gigabytes, one that stops at the limit is done fast.
 */
@Timeout(30)
class HttpConnectionLimitTest {
    private static final int LIMIT = 64 * 1024;
    /* What a runaway peer offers: far more than the test would have the memory or time to read. */
    private static final long ENDLESS = 64L * 1024 * 1024 * 1024;
    private final ServerSocket server = newServer();
    private final AtomicLong written = new AtomicLong();

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void aContentLengthOverTheLimitIsRefusedBeforeItsBodyIsRead() throws Exception {
        serve(false, ENDLESS);
        try (HttpConnection connection = connect()) {
            var tooLarge = assertThrows(ResponseTooLargeException.class, () -> get(connection));
            assertEquals(LIMIT, tooLarge.limitBytes());
            assertTrue(tooLarge.getMessage().contains("64 KiB"), tooLarge.getMessage());
            assertFalse(connection.reusable());
        }
    }

    @Test
    void aChunkedBodyOverTheLimitStopsBeingReadAtTheLimit() throws Exception {
        serve(true, ENDLESS);
        try (HttpConnection connection = connect()) {
            assertThrows(ResponseTooLargeException.class, () -> get(connection));
            assertFalse(connection.reusable());
        }
        // the peer could write at most what was read plus what the socket buffers hold, not the endless rest
        assertTrue(written.get() < 64L * 1024 * 1024, written.get() + " bytes written");
    }

    @Test
    void aBodyOfExactlyTheLimitPassesInBothFramings() throws Exception {
        for (boolean chunked : new boolean[] {false, true}) {
            serve(chunked, LIMIT);
            try (HttpConnection connection = connect()) {
                UpstreamResponse response = get(connection);
                assertEquals(200, response.status());
                assertArrayEquals(pattern(LIMIT), response.body(), chunked ? "chunked" : "content-length");
            }
        }
    }

    @Test
    void aChunkedBodyOneByteOverTheLimitIsRefused() throws Exception {
        serve(true, LIMIT + 1);
        try (HttpConnection connection = connect()) {
            assertThrows(ResponseTooLargeException.class, () -> get(connection));
        }
    }

    private UpstreamResponse get(HttpConnection connection) throws IOException {
        return connection.exchange("GET", "/", List.of(), new byte[0], 20_000, LIMIT);
    }

    private HttpConnection connect() throws IOException {
        return HttpConnection.open(server.getLocalSocketAddress(), 5_000);
    }

    /** Accepts one connection, reads its request head and answers {@code length} bytes of body. */
    private void serve(boolean chunked, long length) {
        Thread.ofPlatform().daemon().start(() -> {
            try (Socket socket = server.accept()) {
                readHead(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\n" + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: "
                        + length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                // a whole number of alphabets, so that blocks follow on as one pattern
                byte[] block = pattern(26 * 630);
                for (long left = length; left > 0; ) {
                    int size = (int) Math.min(block.length, left);
                    if (chunked) {
                        out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(block, 0, size);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    left -= size;
                    written.addAndGet(size);
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                // keep the connection up until the client is done with it
                socket.getInputStream().read();
            } catch (IOException ignored) {
                // the client closed the connection mid-body, as it should past the limit
            }
        });
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("request cut short");
            }
            matched = c == end[matched] ? matched + 1 : (c == end[0] ? 1 : 0);
        }
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    private static ServerSocket newServer() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
