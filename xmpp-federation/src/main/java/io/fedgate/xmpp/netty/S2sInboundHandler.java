package io.fedgate.xmpp.netty;

import io.fedgate.certstore.trust.PeerRole;
import io.fedgate.xmpp.s2s.DialbackOutcome;
import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.S2sAction;
import io.fedgate.xmpp.s2s.S2sEvent;
import io.fedgate.xmpp.s2s.S2sInbound;
import io.fedgate.xmpp.stream.StreamEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
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
 * One inbound S2S connection: feeds decoded events to {@link S2sInbound} and performs its actions.
 * State is touched on the channel's event loop only; dialback verifications complete elsewhere and
 * hop back onto it.
 */
final class S2sInboundHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(S2sInboundHandler.class);

  private final S2sService service;
  private final S2sInbound machine;
  private final XmppStreamDecoder decoder;
  private final S2sTls tls;
  private final String peer;
  private ChannelHandlerContext context;
  private ScheduledFuture<?> negotiationTimer;
  private Optional<String> tlsVersion = Optional.empty();
  private Optional<String> cipher = Optional.empty();
  private boolean failureRecorded;

  S2sInboundHandler(
      S2sService service, S2sInbound machine, XmppStreamDecoder decoder, S2sTls tls, String peer) {
    this.service = service;
    this.machine = machine;
    this.decoder = decoder;
    this.tls = tls;
    this.peer = peer;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.context = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    long millis = service.settingsNow().negotiationTimeout().toMillis();
    negotiationTimer =
        ctx.executor()
            .schedule(
                () -> apply(new S2sEvent.NegotiationTimeout()), millis, TimeUnit.MILLISECONDS);
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
        apply(
            new S2sEvent.TlsEstablished(
                S2sTls.peer(
                    session, PeerRole.CLIENT, service.trustNow(), service.services().clock())));
      } else {
        record(FailureReason.TLS_FAILED, "", "TLS handshake failed: " + done.cause().getMessage());
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
    if (machine.phase() != S2sInbound.Phase.ENDED && !failureRecorded) {
      record(
          FailureReason.CONNECTION_LOST, "", "the peer closed the connection without a stream end");
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("S2S connection from {} failed: {}", peer, cause.toString());
    if (machine.phase() != S2sInbound.Phase.ENDED) {
      record(FailureReason.CONNECTION_LOST, "", cause.getClass().getSimpleName());
    }
    ctx.close();
  }

  private void apply(S2sEvent event) {
    if (!context.channel().isActive() && !(event instanceof S2sEvent.DialbackVerified)) {
      return;
    }
    MDC.put("peer", peer);
    MDC.put("proto", "s2s");
    MDC.put("conn", connectionId());
    try {
      List<S2sAction> actions = machine.on(event);
      for (S2sAction action : actions) {
        perform(action);
      }
      context.flush();
    } finally {
      MDC.remove("peer");
      MDC.remove("proto");
      MDC.remove("conn");
    }
  }

  private void perform(S2sAction action) {
    if (action instanceof S2sAction.Send send) {
      context.write(Unpooled.copiedBuffer(send.xml(), StandardCharsets.UTF_8));
    } else if (action instanceof S2sAction.StartTls) {
      context.flush();
      context.pipeline().addFirst("tls", new SslHandler(tls.serverEngine()));
      decoder.restart();
    } else if (action instanceof S2sAction.RestartStream) {
      decoder.restart();
    } else if (action instanceof S2sAction.Close) {
      context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    } else if (action instanceof S2sAction.Authenticated authenticated) {
      if (negotiationTimer != null) {
        negotiationTimer.cancel(false);
      }
      service
          .registry()
          .add(
              connectionId(),
              authenticated.pair(),
              Direction.INBOUND,
              peer,
              tlsVersion,
              cipher,
              authenticated.method());
    } else if (action instanceof S2sAction.Deliver deliver) {
      service.registry().get(connectionId(), deliver.pair()).ifPresent(l -> l.in.incrementAndGet());
      try {
        service.services().inbound().deliver(deliver.stanza());
      } catch (RuntimeException e) {
        LOG.warn("inbound stanza sink failed: {}", e.toString());
      }
    } else if (action instanceof S2sAction.Verify verify) {
      service
          .verify(verify.request())
          .whenComplete(
              (outcome, failure) ->
                  context
                      .executor()
                      .execute(
                          () ->
                              apply(
                                  new S2sEvent.DialbackVerified(
                                      verify.request().pair(),
                                      failure == null
                                          ? outcome
                                          : DialbackOutcome.error("remote-server-timeout")))));
    } else if (action instanceof S2sAction.Failed failed) {
      record(failed.reason(), failed.remoteDomain(), failed.detail());
    }
  }

  private void record(FailureReason reason, String domain, String detail) {
    failureRecorded = true;
    String remote = domain.isEmpty() ? machine.claimed().orElse("") : domain;
    service.registry().failure(Direction.INBOUND, "", remote, peer, reason, detail);
  }

  private String connectionId() {
    return "in-" + context.channel().id().asShortText();
  }

  static String address(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
