package io.fedgate.xmpp.netty;

import io.fedgate.certstore.trust.PeerRole;
import io.fedgate.xmpp.s2s.DialbackOutcome;
import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.PeerCertificate;
import io.fedgate.xmpp.s2s.S2sAction;
import io.fedgate.xmpp.s2s.S2sEvent;
import io.fedgate.xmpp.s2s.S2sInbound;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound S2S connection: feeds decoded events to {@link S2sInbound} and performs its actions.
 * State is touched on the channel's event loop only; dialback verifications complete elsewhere and
 * hop back onto it.
 */
final class S2sInboundHandler extends S2sStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(S2sInboundHandler.class);

  private final S2sInbound machine;
  private final S2sTls tls;
  private final String peer;
  private boolean failureRecorded;

  S2sInboundHandler(
      S2sService service, S2sInbound machine, XmppStreamDecoder decoder, S2sTls tls, String peer) {
    super(service, decoder);
    this.machine = machine;
    this.tls = tls;
    this.peer = peer;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    startNegotiationTimer(ctx);
    ctx.fireChannelActive();
  }

  @Override
  PeerRole remoteRole() {
    return PeerRole.CLIENT;
  }

  @Override
  void tlsEstablished(PeerCertificate certificate) {
    apply(new S2sEvent.TlsEstablished(certificate));
  }

  @Override
  void tlsFailed(String detail) {
    record(FailureReason.TLS_FAILED, "", detail);
  }

  @Override
  String peer() {
    return peer;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelNegotiationTimer();
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

  @Override
  void apply(S2sEvent event) {
    if (!context.channel().isActive() && !(event instanceof S2sEvent.DialbackVerified)) {
      return;
    }
    withLogContext(
        () -> {
          List<S2sAction> actions = machine.on(event);
          for (S2sAction action : actions) {
            perform(action);
          }
          context.flush();
        });
  }

  private void perform(S2sAction action) {
    if (performShared(action)) {
      return;
    }
    if (action instanceof S2sAction.StartTls) {
      context.flush();
      context.pipeline().addFirst("tls", new SslHandler(tls.serverEngine()));
      decoder.restart();
    } else if (action instanceof S2sAction.Authenticated authenticated) {
      authenticated(authenticated, Direction.INBOUND);
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

  @Override
  String connectionId() {
    return "in-" + context.channel().id().asShortText();
  }

  static String address(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
