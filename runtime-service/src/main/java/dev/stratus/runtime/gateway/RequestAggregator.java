package dev.stratus.runtime.gateway;

import dev.stratus.common.http.ResponseTooLargeException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Gathers a request whole, up to the limit on a function's request body; past it the caller gets a 413 in the
 * gateway's JSON error shape (Netty's own is an empty body) and the connection closes, since the rest of the body
 * would still be coming.
 */
final class RequestAggregator extends HttpObjectAggregator {
    RequestAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        FullHttpResponse response = GatewayHandler.error(413, "request_too_large", "the request body is larger "
                + "than " + ResponseTooLargeException.describe(maxContentLength()) + ", the limit on a request to a "
                + "function");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
