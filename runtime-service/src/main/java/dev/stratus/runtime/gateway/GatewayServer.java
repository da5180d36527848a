package dev.stratus.runtime.gateway;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * The functions' HTTP entry point, on a port of its own: plain Netty rather than a Micronaut controller, because
 * every request is forwarded whole whatever its method or path, and the hop must stay cheap.
 */
@Context
public class GatewayServer {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** Scaleway's request body limit for functions. */
    static final int MAX_BODY_BYTES = 6 * 1024 * 1024;
    private final GatewayHandler handler;
    private final String host;
    private final int port;
    private EventLoopGroup group;
    private Channel channel;

    public GatewayServer(GatewayHandler handler, @Value("${stratus.gateway.host:127.0.0.1}") String host,
                         @Value("${stratus.gateway.port:8081}") int port) {
        this.handler = handler;
        this.host = host;
        this.port = port;
    }

    @PostConstruct
    void start() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                NioIoHandler.newFactory());
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new RequestAggregator(MAX_BODY_BYTES), handler);
                    }
                })
                .bind(new InetSocketAddress(host, port)).sync().channel();
        LOG.info("Gateway listening on {}", channel.localAddress());
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @PreDestroy
    void stop() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
