package io.fedgate.xmpp.netty;

import io.fedgate.certstore.trust.PeerRole;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.PeerCertificate;
import io.fedgate.xmpp.s2s.S2sAction;
import io.fedgate.xmpp.s2s.S2sEvent;
import io.fedgate.xmpp.s2s.S2sOutbound;
import io.fedgate.xmpp.s2s.S2sXml;
import io.fedgate.xmpp.s2s.VerifyRequest;
import io.fedgate.xmpp.stream.StreamEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One outbound S2S connection: feeds events to {@link S2sOutbound}, performs its actions and tells
 * its {@link OutboundListener}. Touched on the channel's event loop only.
 */
final class S2sOutboundHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(S2sOutboundHandler.class);

  private final S2sService service;
  private final S2sOutbound machine;
  private final XmppStreamDecoder decoder;
  private final S2sTls tls;
  private final boolean directTls;
  private final String host;
  private final int port;
  private final OutboundListener listener;
  private ChannelHandlerContext context;
  private ScheduledFuture<?> negotiationTimer;
  private Optional<String> tlsVersion = Optional.empty();
  private Optional<String> cipher = Optional.empty();
  private String peer = "";
  private boolean ended;
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
    this.service = service;
    this.machine = machine;
    this.decoder = decoder;
    this.tls = tls;
    this.directTls = directTls;
    this.host = host;
    this.port = port;
    this.listener = listener;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.context = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    peer = S2sInboundHandler.address((java.net.InetSocketAddress) ctx.channel().remoteAddress());
    machine.peerAddress(peer);
    long millis = service.settingsNow().negotiationTimeout().toMillis();
    negotiationTimer =
        ctx.executor()
            .schedule(
                () -> apply(new S2sEvent.NegotiationTimeout()), millis, TimeUnit.MILLISECONDS);
    if (!directTls) {
      apply(new S2sEvent.Connected(Optional.empty()));
    }
    ctx.fireChannelActive();
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
      apply(new S2sEvent.Idle());
    } else if (evt instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        tlsVersion = Optional.of(session.getProtocol());
        cipher = Optional.of(session.getCipherSuite());
        PeerCertificate certificate =
            S2sTls.peer(session, PeerRole.SERVER, service.trustNow(), service.services().clock());
        apply(
            directTls
                ? new S2sEvent.Connected(Optional.of(certificate))
                : new S2sEvent.TlsEstablished(certificate));
      } else {
        end(
            FailureReason.TLS_FAILED,
            "TLS handshake failed: " + done.cause().getMessage(),
            "remote-server-not-found");
        ctx.close();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (negotiationTimer != null) {
      negotiationTimer.cancel(false);
    }
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
    XmlElement server = S2sXml.renamespace(stanza, Namespaces.CLIENT, Namespaces.SERVER);
    context.writeAndFlush(
        Unpooled.copiedBuffer(server.toXml(Namespaces.SERVER), StandardCharsets.UTF_8));
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

  private void apply(S2sEvent event) {
    MDC.put("peer", peer);
    MDC.put("proto", "s2s");
    MDC.put("conn", connectionId());
    try {
      perform(machine.on(event));
    } finally {
      MDC.remove("peer");
      MDC.remove("proto");
      MDC.remove("conn");
    }
  }

  private void perform(List<S2sAction> actions) {
    for (S2sAction action : actions) {
      perform(action);
    }
    context.flush();
  }

  private void perform(S2sAction action) {
    if (action instanceof S2sAction.Send send) {
      context.write(Unpooled.copiedBuffer(send.xml(), StandardCharsets.UTF_8));
    } else if (action instanceof S2sAction.StartTls) {
      context
          .pipeline()
          .addFirst("tls", new SslHandler(tls.clientEngine(machine.pair().remote(), host, port)));
      decoder.restart();
    } else if (action instanceof S2sAction.RestartStream) {
      decoder.restart();
    } else if (action instanceof S2sAction.Close) {
      context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    } else if (action instanceof S2sAction.Authenticated authenticated) {
      if (negotiationTimer != null) {
        negotiationTimer.cancel(false);
      }
      live =
          service
              .registry()
              .add(
                  connectionId(),
                  authenticated.pair(),
                  Direction.OUTBOUND,
                  peer,
                  tlsVersion,
                  cipher,
                  authenticated.method());
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

  private String connectionId() {
    return "out-" + context.channel().id().asShortText();
  }
}
