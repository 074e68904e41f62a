package io.fedgate.xmpp.netty;

import io.fedgate.certstore.trust.PeerRole;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.PartnerSettings;
import io.fedgate.xmpp.s2s.PeerCertificate;
import io.fedgate.xmpp.s2s.S2sAction;
import io.fedgate.xmpp.s2s.S2sEvent;
import io.fedgate.xmpp.s2s.S2sOutbound;
import io.fedgate.xmpp.s2s.S2sXml;
import io.fedgate.xmpp.s2s.VerifyRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outbound S2S connection: feeds events to {@link S2sOutbound}, performs its actions and tells
 * its {@link OutboundListener}. Touched on the channel's event loop only.
 */
final class S2sOutboundHandler extends S2sStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(S2sOutboundHandler.class);

  private final S2sOutbound machine;
  private final S2sTls tls;
  private final boolean directTls;
  private final String host;
  private final int port;
  private final OutboundListener listener;
  private String peer = "";
  private boolean ended;
  private boolean flushPending;
  private final long idleNanos;
  private volatile long lastStanza = System.nanoTime();
  private S2sRegistry.Live live;

  S2sOutboundHandler(
      S2sService service,
      S2sOutbound machine,
      XmppStreamDecoder decoder,
      S2sTls tls,
      boolean directTls,
      String host,
      int port,
      OutboundListener listener) {
    super(service, decoder);
    this.machine = machine;
    this.tls = tls;
    this.directTls = directTls;
    this.host = host;
    this.port = port;
    this.listener = listener;
    this.idleNanos = service.settingsNow().idleTimeout().toNanos();
  }

  /**
   * How often an outbound stream with nothing to write sends a whitespace keep-alive (RFC 6120
   * §4.6.1): a quarter of the idle timeout, at most 60 s.
   */
  static java.time.Duration keepAlive(java.time.Duration idleTimeout) {
    java.time.Duration quarter = idleTimeout.dividedBy(4);
    java.time.Duration max = java.time.Duration.ofSeconds(60);
    return quarter.compareTo(max) > 0 ? max : quarter.isZero() ? idleTimeout : quarter;
  }

  /**
   * Nothing written for {@link #keepAlive}: with no stanza for the idle timeout the stream ends
   * (idle close), else (unless the partner's {@code keepAlive} is off) a whitespace keep-alive
   * keeps NATs and firewalls open and finds a dead TCP connection (a write that fails) before a
   * stanza is lost on it.
   */
  @Override
  void idle() {
    if (System.nanoTime() - lastStanza >= idleNanos) {
      apply(new S2sEvent.Idle());
    } else if (machine.phase() == S2sOutbound.Phase.ESTABLISHED && keepAlive()) {
      context.writeAndFlush(Unpooled.copiedBuffer(" ", StandardCharsets.US_ASCII));
    }
  }

  /** The partner's {@code keepAlive} flag (read now, so a change applies at once); true if none. */
  private boolean keepAlive() {
    return service
        .services()
        .partners()
        .apply(machine.pair().remote())
        .map(PartnerSettings::keepAlive)
        .orElse(true);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    peer = S2sInboundHandler.address((java.net.InetSocketAddress) ctx.channel().remoteAddress());
    machine.peerAddress(peer);
    startNegotiationTimer(ctx);
    if (!directTls) {
      apply(new S2sEvent.Connected(Optional.empty()));
    }
    ctx.fireChannelActive();
  }

  @Override
  PeerRole remoteRole() {
    return PeerRole.SERVER;
  }

  @Override
  void tlsEstablished(PeerCertificate certificate) {
    apply(
        directTls
            ? new S2sEvent.Connected(Optional.of(certificate))
            : new S2sEvent.TlsEstablished(certificate));
  }

  @Override
  void tlsFailed(String detail) {
    end(FailureReason.TLS_FAILED, detail, "remote-server-not-found");
  }

  @Override
  String peer() {
    return peer;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelNegotiationTimer();
    service.registry().removeConnection(connectionId());
    if (machine.phase() != S2sOutbound.Phase.ENDED
        && machine.phase() != S2sOutbound.Phase.ESTABLISHED) {
      end(
          FailureReason.CONNECTION_LOST,
          "the connection closed during " + machine.phase(),
          "remote-server-timeout");
    }
    for (VerifyRequest unanswered : machine.unanswered()) {
      listener.verifyAnswered(
          unanswered, io.fedgate.xmpp.s2s.DialbackOutcome.error("remote-server-timeout"));
    }
    listener.closed(this);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("S2S connection to {} failed: {}", peer, cause.toString());
    ctx.close();
  }

  /** Writes a stanza ({@code jabber:client} or {@code jabber:server}) on the established stream. */
  void write(XmlElement stanza) {
    lastStanza = System.nanoTime();
    // a pooled (direct) buffer from the channel's allocator: BoringSSL encrypts it without the copy
    // a heap buffer needs, and no byte[] per stanza
    io.netty.buffer.ByteBuf bytes =
        io.netty.buffer.ByteBufUtil.writeUtf8(context.alloc(), S2sXml.serverXml(stanza));
    if (!context.executor().inEventLoop()) {
      context.writeAndFlush(bytes);
    } else {
      // One flush (one TLS record, one syscall) for every stanza the loop has queued so far: the
      // sends of a burst are tasks ahead of this flush on the same loop.
      context.write(bytes);
      if (!flushPending) {
        flushPending = true;
        context
            .executor()
            .execute(
                () -> {
                  flushPending = false;
                  context.flush();
                });
      }
    }
    if (live != null) {
      live.out.incrementAndGet();
    }
  }

  boolean isOpen() {
    return context != null
        && context.channel().isActive()
        && machine.phase() == S2sOutbound.Phase.ESTABLISHED;
  }

  /** Verify mode: one more request on this stream. */
  void addVerification(VerifyRequest request) {
    perform(machine.addVerification(request));
  }

  void closeGracefully() {
    if (context.channel().isActive()) {
      context
          .writeAndFlush(Unpooled.copiedBuffer("</stream:stream>", StandardCharsets.UTF_8))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  void apply(S2sEvent event) {
    withLogContext(() -> perform(machine.on(event)));
  }

  private void perform(List<S2sAction> actions) {
    for (S2sAction action : actions) {
      perform(action);
    }
    context.flush();
  }

  private void perform(S2sAction action) {
    if (performShared(action)) {
      return;
    }
    if (action instanceof S2sAction.StartTls) {
      context
          .pipeline()
          .addFirst("tls", new SslHandler(tls.clientEngine(machine.pair().remote(), host, port)));
      decoder.restart();
    } else if (action instanceof S2sAction.Authenticated authenticated) {
      live = authenticated(authenticated, Direction.OUTBOUND);
    } else if (action instanceof S2sAction.Ready ready) {
      listener.ready(this, ready.method());
    } else if (action instanceof S2sAction.VerifyAnswered answered) {
      listener.verifyAnswered(answered.request(), answered.outcome());
    } else if (action instanceof S2sAction.Progress progress) {
      listener.progress(progress.step());
    } else if (action instanceof S2sAction.Failed failed) {
      end(failed.reason(), failed.detail(), failed.bounce());
    }
  }

  private void end(FailureReason reason, String detail, String bounce) {
    if (ended) {
      return;
    }
    ended = true;
    service
        .registry()
        .failure(
            Direction.OUTBOUND,
            machine.pair().local(),
            machine.pair().remote(),
            peer,
            reason,
            detail);
    listener.failed(reason, detail, bounce);
  }

  @Override
  String connectionId() {
    return "out-" + context.channel().id().asShortText();
  }
}
