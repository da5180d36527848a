package dev.stratus.runtime.gateway;

import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.InvocationCompleted;
import dev.stratus.runtime.auth.InvocationTokens;
import dev.stratus.runtime.catalog.FunctionCatalog;
import dev.stratus.runtime.invoke.Invocation;
import dev.stratus.runtime.invoke.InvocationResult;
import dev.stratus.runtime.invoke.Invoker;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import dev.stratus.common.secret.SecretCipher;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Routes each request by its Host header to the function with that domain name or custom domain, enforcing the
 * function's privacy and HTTP option, and writes back what the function answered.
 */
@Singleton
@ChannelHandler.Sharable
public class GatewayHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String INVOKER_HEADER = "X-Stratus-Invoker";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "te", "trailer", "upgrade", "proxy-connection", "proxy-authorization",
            INVOKER_HEADER.toLowerCase(Locale.ROOT));
    private final FunctionCatalog catalog;
    private final InvocationTokens tokens;
    private final Invoker invoker;
    private final byte[] invokerToken;

    public GatewayHandler(FunctionCatalog catalog, InvocationTokens tokens, Invoker invoker, SecretCipher cipher) {
        this.catalog = catalog;
        this.tokens = tokens;
        this.invoker = invoker;
        this.invokerToken = cipher.invokerToken().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, error(400, "invalid_request", "the request could not be parsed"), false);
            return;
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        Optional<FunctionDesired> found = catalog.functionAt(host);
        if (found.isEmpty()) {
            write(ctx, error(404, "not_found", "no function is served at host " + host), keepAlive);
            return;
        }
        FunctionDesired function = found.get();
        boolean platform = fromPlatform(request.headers().get(INVOKER_HEADER));
        if (!platform && "redirected".equals(function.httpOption()) && !"https".equalsIgnoreCase(
                request.headers().get("X-Forwarded-Proto"))) {
            write(ctx, redirect("https://" + host + request.uri()), keepAlive);
            return;
        }
        if (!platform && "private".equals(function.privacy())) {
            Optional<String> refusal = tokens.refusal(request.headers().get("X-Auth-Token"), function);
            if (refusal.isPresent()) {
                write(ctx, error(403, "permissions_denied", refusal.get()), keepAlive);
                return;
            }
        }
        invoker.invoke(function, toInvocation(ctx, request), source(platform, request))
                .thenAccept(result -> write(ctx, toResponse(result), keepAlive));
    }

    private static String source(boolean platform, FullHttpRequest request) {
        return platform && request.headers().contains("X-Stratus-Trigger") ? InvocationCompleted.TRIGGER
                : InvocationCompleted.HTTP;
    }

    /** Stratus's scheduler and triggers call private functions too; they prove it with the derived token. */
    private boolean fromPlatform(String token) {
        return token != null && MessageDigest.isEqual(invokerToken, token.getBytes(StandardCharsets.US_ASCII));
    }

    private static Invocation toInvocation(ChannelHandlerContext ctx, FullHttpRequest request) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header);
            }
        }
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote
                && !request.headers().contains("X-Forwarded-For")) {
            headers.add(Map.entry("X-Forwarded-For", remote.getAddress().getHostAddress()));
        }
        if (!request.headers().contains("X-Forwarded-Proto")) {
            headers.add(Map.entry("X-Forwarded-Proto", "http"));
        }
        return new Invocation(request.method().name(), request.uri(), headers,
                ByteBufUtil.getBytes(request.content()));
    }

    static FullHttpResponse toResponse(InvocationResult result) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(result.status()), Unpooled.wrappedBuffer(result.body()));
        for (Map.Entry<String, String> header : result.headers()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                response.headers().add(header.getKey(), header.getValue());
            }
        }
        return response;
    }

    static FullHttpResponse error(int status, String type, String message) {
        return toResponse(InvocationResult.platformError(status, type, message));
    }

    private static FullHttpResponse redirect(String location) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.MOVED_PERMANENTLY);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        return response;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
