package org.plantracker.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The cheapest HTTP/1.1 proxy hop there is: every client connection gets its own keep-alive connection
 * to one target and requests are passed through unchanged but for {@code Host}. No authentication, no
 * correlation id, no routing, no per-request logging: measured next to the gateway it shows the floor
 * a gateway can reach on this machine, so the gateway's own cost is the difference.
 */
public final class NettyProxy implements AutoCloseable {

    private static final int MAX_BODY = 1 << 20;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;

    private NettyProxy(EventLoopGroup boss, EventLoopGroup workers, Channel server) {
        this.boss = boss;
        this.workers = workers;
        this.server = server;
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: NettyProxy <listenPort> <targetHost> <targetPort>");
            System.exit(2);
        }
        NettyProxy proxy = start(Integer.parseInt(args[0]), args[1], Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "netty-proxy-shutdown"));
        System.out.println("[netty-proxy] listening on " + proxy.port() + " → " + args[1] + ":" + args[2]);
        proxy.server.closeFuture().syncUninterruptibly();
    }

    /** @param listenPort 0 for any free port, see {@link #port()} */
    static NettyProxy start(int listenPort, String targetHost, int targetPort) {
        // resolved once here, not per connection; an unresolvable host fails every connect, so answers 502
        InetSocketAddress target = new InetSocketAddress(targetHost, targetPort);
        String host = targetHost + ":" + targetPort;
        // the machine has 2 cores: one worker loop each, the boss only accepts
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(2);
        try {
            Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // nothing is read from a client before its connection to the target is settled
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY),
                                    new Inbound(target, host));
                        }
                    })
                    // loopback only: a benchmark's helper, with no token check, is no door into the machine
                    .bind(InetAddress.getLoopbackAddress(), listenPort).syncUninterruptibly().channel();
            return new NettyProxy(boss, workers, server);
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Flushes what is queued, then closes: a response on its way out is not cut off. */
    private static void closeOnFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * One client connection and its connection to the target. Both channels run on the client's event
     * loop, so the fields need no synchronization and a request never changes threads.
     */
    private static final class Inbound extends ChannelInboundHandlerAdapter {
        private final InetSocketAddress target;
        private final String host;
        private Channel inbound;
        private Channel outbound; // null until connected, and for good if the target could not be reached
        private boolean keepAlive = true; // of the request being answered; requests on a connection are sequential

        Inbound(InetSocketAddress target, String host) {
            this.target = target;
            this.host = host;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            inbound = ctx.channel();
            new Bootstrap().group(inbound.eventLoop()).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY), new Outbound());
                        }
                    })
                    .connect(target).addListener((ChannelFutureListener) connected -> {
                        if (!connected.isSuccess()) {
                            // still read the request: the 502 then answers it and the close is a clean FIN, not a reset
                            inbound.config().setAutoRead(true);
                        } else if (!inbound.isActive()) {
                            connected.channel().close();
                        } else {
                            outbound = connected.channel();
                            inbound.config().setAutoRead(true);
                        }
                    });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest request)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            keepAlive = HttpUtil.isKeepAlive(request);
            if (request.decoderResult().isFailure() || outbound == null || !outbound.isActive()) {
                boolean malformed = request.decoderResult().isFailure();
                request.release();
                answerAndClose(malformed ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.BAD_GATEWAY,
                        malformed ? "malformed request\n" : "target " + host + " not reachable\n");
                return;
            }
            request.headers().set(HttpHeaderNames.HOST, host);
            // the connection to the target outlives this request, whatever the client asked for its own
            HttpUtil.setKeepAlive(request, true);
            // the write owns the request from here and releases it once sent
            outbound.writeAndFlush(request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }

        private void answerAndClose(HttpResponseStatus status, String text) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, false);
            inbound.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (outbound != null) {
                closeOnFlush(outbound);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset client is routine under load; its connection to the target goes with it
        }

        /** The target's side: hands each response back to the client connection it belongs to. */
        private final class Outbound extends ChannelInboundHandlerAdapter {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!(msg instanceof FullHttpResponse response)) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                if (keepAlive) {
                    inbound.writeAndFlush(response); // the write owns the response and releases it
                } else {
                    HttpUtil.setKeepAlive(response, false);
                    inbound.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                closeOnFlush(inbound);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        }
    }
}
