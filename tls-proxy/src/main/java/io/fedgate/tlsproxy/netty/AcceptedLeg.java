package io.fedgate.tlsproxy.netty;

import io.fedgate.acl.net.IpAddress;
import io.fedgate.tlsproxy.acl.AccessListTable;
import io.fedgate.tlsproxy.acl.Flow;
import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.ProxyInstance;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sets up an accepted connection: TLS with the server trust point and a handshake timeout, an idle
 * timeout, and the {@link Relay}; after the client's handshake and the access list, connects the
 * re-originated leg with the client trust point on the same event loop.
 */
final class AcceptedLeg extends ChannelInitializer<SocketChannel> {
  private final InstanceRuntime runtime;
  private final Endpoint target;
  private final IpAddress targetIp;
  private final SessionRegistry registry;
  private final AccessListTable acl;

  AcceptedLeg(
      InstanceRuntime runtime,
      Endpoint target,
      IpAddress targetIp,
      SessionRegistry registry,
      AccessListTable acl,
      SecureRandom random) {
    this.runtime = runtime;
    this.target = target;
    this.targetIp = targetIp;
    this.registry = registry;
    this.acl = acl;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ProxyInstance.Limits limits = runtime.config().limits();
    InetSocketAddress remote = channel.remoteAddress();
    Flow flow =
        new Flow(
            IpAddress.fromBytes(remote.getAddress().getAddress()),
            remote.getPort(),
            targetIp,
            target.port(),
            Optional.empty());
    ProxySession session =
        new ProxySession(
            registry.nextId(),
            runtime,
            remote.getAddress().getHostAddress() + ":" + remote.getPort(),
            target.toString(),
            flow,
            registry.clock().instant());
    registry.opened(session);
    Relay relay = new Relay(session, registry, acl);
    relay.clientChannel(channel);
    SslHandler ssl = new SslHandler(runtime.acceptingEngine(channel.alloc()));
    ssl.setHandshakeTimeoutMillis(limits.handshakeTimeout().toMillis());
    channel
        .pipeline()
        .addLast("tls", ssl)
        .addLast(
            "idle",
            new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .addLast("relay", new LegHandler(relay, true, ctx -> clientReady(ctx, relay)));
  }

  private void clientReady(ChannelHandlerContext ctx, Relay relay) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (!relay.clientHandshakeDone(ssl.engine().getSession())) {
      return;
    }
    Channel client = ctx.channel();
    ProxyInstance.Limits limits = runtime.config().limits();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(client.eventLoop())
            .channel(NioSocketChannel.class)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) limits.handshakeTimeout().toMillis())
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    SslHandler tls =
                        new SslHandler(runtime.originatingEngine(channel.alloc(), target.port()));
                    tls.setHandshakeTimeoutMillis(limits.handshakeTimeout().toMillis());
                    channel
                        .pipeline()
                        .addLast("tls", tls)
                        .addLast(
                            "relay",
                            new LegHandler(
                                relay,
                                false,
                                c ->
                                    relay.targetHandshakeDone(
                                        c.pipeline().get(SslHandler.class).engine().getSession())));
                  }
                });
    ChannelFuture connect = bootstrap.connect(target.address(), target.port());
    relay.targetChannel(connect.channel());
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            relay.close(CloseReasons.of("target", f.cause()));
          } else if (relay.closing()) {
            connect.channel().close();
          }
        });
  }
}
