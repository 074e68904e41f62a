package io.fedgate.xmpp.netty;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.xmpp.c2s.C2sNegotiation;
import io.fedgate.xmpp.c2s.SaslStage;
import io.fedgate.xmpp.stream.StreamLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A C2S listener: STARTTLS on the standard port (5222), or XEP-0368 direct TLS (TLS first, then the
 * stream) when {@code directTls}. Port 0 binds any free port; {@link #address()} reports it.
 */
public final class C2sListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(C2sListener.class);

  private final C2sServices services;
  private final boolean directTls;
  private final EventLoopGroup boss = new NioEventLoopGroup(1);
  private final EventLoopGroup workers;
  private Channel serverChannel;

  /**
   * @param workerThreads event loop threads for connections (0 = Netty's default, twice the cores)
   */
  public C2sListener(C2sServices services, boolean directTls, int workerThreads) {
    this.services = services;
    this.directTls = directTls;
    this.workers = new NioEventLoopGroup(workerThreads);
  }

  /** Binds and starts accepting; returns the bound address. */
  public synchronized InetSocketAddress start(InetSocketAddress address)
      throws InterruptedException {
    if (serverChannel != null) {
      throw new IllegalStateException("already started on " + serverChannel.localAddress());
    }
    serverChannel =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    configure(ch);
                  }
                })
            .bind(address)
            .sync()
            .channel();
    LOG.info(
        "C2S listener ({}) on {}",
        directTls ? "direct TLS" : "STARTTLS",
        serverChannel.localAddress());
    return address();
  }

  public synchronized InetSocketAddress address() {
    if (serverChannel == null) {
      throw new IllegalStateException("not started");
    }
    return (InetSocketAddress) serverChannel.localAddress();
  }

  private void configure(SocketChannel ch) {
    StreamLimits limits = services.config().limits();
    XmppStreamDecoder decoder = new XmppStreamDecoder(limits, Namespaces.CLIENT);
    String peer = ch.remoteAddress().getAddress().getHostAddress();
    SaslStage sasl =
        new SaslStage(
            services.config(),
            services.credentials(),
            services.throttle(),
            services.random(),
            peer);
    C2sNegotiation negotiation = new C2sNegotiation(services.config(), sasl, services.random());
    if (directTls) {
      ch.pipeline().addLast("tls", new SslHandler(services.tlsEngines().get()));
    }
    ch.pipeline()
        .addLast(
            "idle",
            // half the timeout: the first idle period pings, the second ends the stream
            new IdleStateHandler(limits.idleTimeout().toMillis() / 2, 0, 0, TimeUnit.MILLISECONDS))
        .addLast("xml", decoder)
        .addLast("c2s", new C2sConnectionHandler(services, negotiation, decoder, directTls));
  }

  /** Stops accepting, closes every connection and the event loops; waits for them. */
  @Override
  public synchronized void close() {
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
    }
    // XEP-0198: no resumption across a shutdown; unacknowledged stanzas go back to the router now
    services.sessions().resumableSessions().stream()
        .filter(StreamSession.class::isInstance)
        .map(StreamSession.class::cast)
        .forEach(StreamSession::shutdown);
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
