package dev.stratus.builder.wrapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deliberately tiny HTTP/1.1 client over a unix domain socket: one request per connection with
 * {@code Content-Length} and {@code Connection: close}, response read until EOF.
 */
final class UnixHttp {

    private static final long TIMEOUT_SECONDS = 10;

    private UnixHttp() {
    }

    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        /** First value of a header (case-insensitive name), or null. */
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Object json() {
            return MiniJson.parse(text());
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    static Response get(Path socket, String target) throws IOException {
        return send(socket, "GET", target, Map.of(), new byte[0]);
    }

    static Response send(Path socket, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: localhost\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);

        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            AtomicBoolean done = new AtomicBoolean();
            // blocking unix channels have no read timeout: close the channel from a timer instead
            CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS).execute(() -> {
                if (!done.get()) {
                    try {
                        ch.close();
                    } catch (IOException ignored) {
                        // best effort
                    }
                }
            });
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ByteBuffer out = ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip();
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
                while (ch.read(buf.clear()) >= 0) {
                    received.write(buf.array(), 0, buf.position());
                }
                return parse(received.toByteArray());
            } finally {
                done.set(true);
            }
        }
    }

    static Response parse(byte[] raw) {
        int end = indexOf(raw, new byte[] {'\r', '\n', '\r', '\n'});
        if (end < 0) {
            throw new AssertionError("incomplete HTTP response: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new AssertionError("bad status line: " + lines[0]);
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new AssertionError("bad header line: " + lines[i]);
            }
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        List<String> length = headers.get("content-length");
        if (length != null && Integer.parseInt(length.getFirst()) != body.length) {
            throw new AssertionError("Content-Length " + length + " but " + body.length + " body bytes");
        }
        return new Response(status, headers, body);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
