package dev.stratus.common.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A keep-alive HTTP/1.1 connection: the runtime's to an instance's unix socket, trigger-service's to the gateway.
 * {@code java.net.http} cannot speak over unix sockets, and on the hot paths its hand-offs between threads cost
 * more than the exchange itself, which is simple: whole request out, whole response (Content-Length, chunked or
 * until close) in, on the calling thread. Not thread-safe: one exchange at a time.
 * <p>
 * What is read is bounded, so that one function cannot make its caller buffer gigabytes: a body past the caller's
 * limit ends the exchange with a {@link ResponseTooLargeException} having read at most the limit (plus a buffer),
 * and status and header lines past 64 KiB fail it too.
 */
public final class HttpConnection implements AutoCloseable {
    /** Scaleway's limit on a function's response body, the default here too. */
    public static final int DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;
    /* Far above what Node's HTTP server sends (16 KiB for all headers), far below what could hurt. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    private final SocketChannel channel;
    private final InputStream in;
    private boolean reusable = true;
    private volatile boolean timedOut;

    private HttpConnection(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
    }

    public static HttpConnection open(Path socket) throws IOException {
        return open(UnixDomainSocketAddress.of(socket));
    }

    public static HttpConnection open(SocketAddress address) throws IOException {
        return open(address, 0);
    }

    /** @param connectTimeoutMillis for TCP, how long connecting may take; 0 waits as long as the system does */
    public static HttpConnection open(SocketAddress address, int connectTimeoutMillis) throws IOException {
        SocketChannel channel = SocketChannel.open(address instanceof UnixDomainSocketAddress
                ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
        try {
            if (address instanceof UnixDomainSocketAddress) {
                channel.connect(address);
            } else {
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                channel.socket().connect(address, connectTimeoutMillis);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new HttpConnection(channel);
    }

    /** {@link #exchange(String, String, List, byte[], long, long)} with {@link #DEFAULT_MAX_BODY_BYTES}. */
    public UpstreamResponse exchange(String method, String target, List<Map.Entry<String, String>> headers,
                                     byte[] body, long timeoutMillis) throws IOException {
        return exchange(method, target, headers, body, timeoutMillis, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * The response to one request, or an IOException: closed early, past {@code timeoutMillis}, or a body longer
     * than {@code maxBodyBytes} ({@link ResponseTooLargeException}).
     */
    public UpstreamResponse exchange(String method, String target, List<Map.Entry<String, String>> headers,
                                     byte[] body, long timeoutMillis, long maxBodyBytes) throws IOException {
        timedOut = false;
        var deadline = CompletableFuture.runAsync(this::closeForTimeout,
                CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS));
        try {
            writeRequest(method, target, headers, body);
            return readResponse(method, maxBodyBytes);
        } catch (IOException e) {
            reusable = false;
            if (e instanceof ResponseTooLargeException) {
                // the rest of the body is still coming: nobody reads it
                close();
            }
            // the flag, not the future: the blocked read fails as the channel closes, before the future completes
            throw timedOut ? new UpstreamTimeoutException(timeoutMillis) : e;
        } finally {
            deadline.cancel(false);
        }
    }

    public boolean reusable() {
        return reusable && channel.isOpen();
    }

    private void writeRequest(String method, String target, List<Map.Entry<String, String>> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (var header : headers) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(bytes.length + body.length).put(bytes).put(body).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    private UpstreamResponse readResponse(String method, long maxBodyBytes) throws IOException {
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("the instance answered with a malformed status line: " + statusLine);
        }
        int status = (int) Math.min(parseNumber(parts[1], 10), 999);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        long length = -1;
        boolean chunked = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("the instance sent a malformed header: " + line);
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "content-length" -> length = parseNumber(value, 10);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> reusable &= !value.equalsIgnoreCase("close");
                default -> headers.add(Map.entry(name, value));
            }
        }
        byte[] body;
        if (method.equals("HEAD") || status == 204 || status == 304 || status < 200) {
            body = new byte[0];
        } else if (chunked) {
            body = readChunked(maxBodyBytes);
        } else if (length >= 0) {
            if (length > maxBodyBytes) {
                // known too large before a byte of it is read
                throw new ResponseTooLargeException(maxBodyBytes);
            }
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new EOFException("the instance closed the connection mid-response");
            }
        } else {
            reusable = false;
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw new ResponseTooLargeException(maxBodyBytes);
            }
        }
        return new UpstreamResponse(status, headers, body);
    }

    private byte[] readChunked(long maxBodyBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (long size = chunkSize(readLine()); size > 0; size = chunkSize(readLine())) {
            // a chunk that would take the body past the limit is refused before it is read
            if (size > maxBodyBytes - body.size()) {
                throw new ResponseTooLargeException(maxBodyBytes);
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new EOFException("the instance closed the connection mid-chunk");
            }
            body.write(chunk);
            readLine();
        }
        for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
            // trailers are dropped: the whole body is forwarded with a Content-Length
        }
        return body.toByteArray();
    }

    private static long chunkSize(String line) throws IOException {
        int semicolon = line.indexOf(';');
        return parseNumber((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
    }

    /** A non-negative number the peer sent; anything else fails the exchange like any malformed answer. */
    private static long parseNumber(String text, int radix) throws IOException {
        try {
            long value = Long.parseLong(text, radix);
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException("the instance sent a malformed number: " + text);
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the instance closed the connection");
            }
            if (line.length() == MAX_LINE_BYTES) {
                throw new IOException("the instance sent a status or header line over " + MAX_LINE_BYTES + " bytes");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void closeForTimeout() {
        timedOut = true;
        close();
    }

    @Override
    public void close() {
        reusable = false;
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
