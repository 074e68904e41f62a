package io.fedgate.xmpp.netty;

import io.fedgate.certstore.trust.PeerRole;
import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.PeerCertificate;
import io.fedgate.xmpp.s2s.S2sAction;
import io.fedgate.xmpp.s2s.S2sEvent;
import io.fedgate.xmpp.stream.StreamEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.slf4j.MDC;

/**
 * What the inbound and outbound S2S connection handlers share: the negotiation timer, decoding of
 * stream and TLS events into {@link S2sEvent}s, the logging context and the actions both perform
 * the same way. Touched on the channel's event loop only.
 */
abstract class S2sStreamHandler extends ChannelInboundHandlerAdapter {
  final S2sService service;
  final XmppStreamDecoder decoder;
  ChannelHandlerContext context;
  private ScheduledFuture<?> negotiationTimer;
  private Optional<String> tlsVersion = Optional.empty();
  private Optional<String> cipher = Optional.empty();

  S2sStreamHandler(S2sService service, XmppStreamDecoder decoder) {
    this.service = service;
    this.decoder = decoder;
  }

  /** The role the remote end plays in the TLS handshake. */
  abstract PeerRole remoteRole();

  /** Feeds one event to the state machine and performs its actions. */
  abstract void apply(S2sEvent event);

  /** The TLS handshake completed; {@code certificate} is what the remote end presented. */
  abstract void tlsEstablished(PeerCertificate certificate);

  /** The TLS handshake failed; the channel is closed right after. */
  abstract void tlsFailed(String detail);

  abstract String peer();

  abstract String connectionId();

  /** The idle handler fired: by default the stream is idle and ends. */
  void idle() {
    apply(new S2sEvent.Idle());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.context = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof StreamEvent event) {
      apply(new S2sEvent.Received(event));
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      idle();
    } else if (evt instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        tlsVersion = Optional.of(session.getProtocol());
        cipher = Optional.of(session.getCipherSuite());
        tlsEstablished(
            S2sTls.peer(session, remoteRole(), service.trustNow(), service.services().clock()));
      } else {
        tlsFailed("TLS handshake failed: " + done.cause().getMessage());
        ctx.close();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  final void startNegotiationTimer(ChannelHandlerContext ctx) {
    long millis = service.settingsNow().negotiationTimeout().toMillis();
    negotiationTimer =
        ctx.executor()
            .schedule(
                () -> apply(new S2sEvent.NegotiationTimeout()), millis, TimeUnit.MILLISECONDS);
  }

  final void cancelNegotiationTimer() {
    if (negotiationTimer != null) {
      negotiationTimer.cancel(false);
    }
  }

  /** Runs {@code body} with this connection's logging context. */
  final void withLogContext(Runnable body) {
    MDC.put("peer", peer());
    MDC.put("proto", "s2s");
    MDC.put("conn", connectionId());
    try {
      body.run();
    } finally {
      MDC.remove("peer");
      MDC.remove("proto");
      MDC.remove("conn");
    }
  }

  /**
   * Performs the actions both directions handle alike (send, stream restart, close).
   *
   * @return whether {@code action} was one of them
   */
  final boolean performShared(S2sAction action) {
    if (action instanceof S2sAction.Send send) {
      context.write(Unpooled.copiedBuffer(send.xml(), StandardCharsets.UTF_8));
    } else if (action instanceof S2sAction.RestartStream) {
      decoder.restart();
    } else if (action instanceof S2sAction.Close) {
      context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    } else {
      return false;
    }
    return true;
  }

  /** Stops the negotiation timer and registers the authenticated stream. */
  final S2sRegistry.Live authenticated(S2sAction.Authenticated authenticated, Direction direction) {
    cancelNegotiationTimer();
    return service
        .registry()
        .add(
            connectionId(),
            authenticated.pair(),
            direction,
            peer(),
            tlsVersion,
            cipher,
            authenticated.method());
  }
}
