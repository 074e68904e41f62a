package io.fedgate.tlsproxy.netty;

import io.fedgate.tlsproxy.acl.AccessListTable;
import io.fedgate.tlsproxy.acl.AclVerdict;
import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.sip.InspectionException;
import io.fedgate.tlsproxy.sip.Piece;
import io.fedgate.tlsproxy.sip.SipStream;
import io.fedgate.tlsproxy.sip.SipSummary;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves bytes between the two legs of one session, on their shared event loop: holds the client's
 * bytes until the target leg is up, applies the access list (again with the partner domain of the
 * first SIP request when an entry waits for it), runs SIP inspection, toggles auto-read for
 * backpressure, forwards half-closes, and closes both legs once with one logged reason.
 */
final class Relay {
  private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

  private final ProxySession session;
  private final SessionRegistry registry;
  private final AccessListTable acl;
  private final SipStream fromClient;
  private final SipStream fromTarget;
  private final Queue<ByteBuf> pending = new ArrayDeque<>();
  private Channel client;
  private Channel target;
  private boolean targetReady;

  Relay(ProxySession session, SessionRegistry registry, AccessListTable acl) {
    this.session = session;
    this.registry = registry;
    this.acl = acl;
    boolean inspect = session.instance.config().sipInspection();
    this.fromClient = inspect ? session.instance.inspection(true) : null;
    this.fromTarget = inspect ? session.instance.inspection(false) : null;
  }

  ProxySession session() {
    return session;
  }

  void clientChannel(Channel channel) {
    this.client = channel;
  }

  void targetChannel(Channel channel) {
    this.target = channel;
  }

  boolean closing() {
    return session.closeReason != null;
  }

  /** The accepted leg finished its handshake: describe it and apply the access list. */
  boolean clientHandshakeDone(SSLSession tls) {
    session.clientTls = tls.getProtocol() + " " + tls.getCipherSuite();
    try {
      X509Certificate peer = (X509Certificate) tls.getPeerCertificates()[0];
      session.clientSubject = peer.getSubjectX500Principal().getName();
    } catch (SSLPeerUnverifiedException e) {
      session.clientSubject = "";
    }
    LOG.debug(
        "{}: client handshake {} subject {}", session, session.clientTls, session.clientSubject);
    AclVerdict verdict = acl.decide(session.instance.config().accessList(), session.flow);
    LOG.debug("{}: {}", session, verdict.reason());
    if (verdict.kind() == AclVerdict.Kind.DENY) {
      close(verdict.reason());
      return false;
    }
    if (verdict.kind() == AclVerdict.Kind.PENDING && fromClient == null) {
      // no inspection, so no SIP domain will ever be seen: decide without one now
      session.flow = session.flow.withDomain("");
      verdict = acl.decide(session.instance.config().accessList(), session.flow);
      if (!verdict.permitted()) {
        close(verdict.reason() + " (no SIP inspection, so no domain)");
        return false;
      }
    }
    session.domainDecided = verdict.kind() == AclVerdict.Kind.PERMIT;
    return true;
  }

  void targetHandshakeDone(SSLSession tls) {
    session.targetTls = tls.getProtocol() + " " + tls.getCipherSuite();
    LOG.debug("{}: target handshake {}", session, session.targetTls);
    targetReady = true;
    ByteBuf buf;
    while ((buf = pending.poll()) != null) {
      relayFromClient(buf);
    }
    target.flush();
    client.config().setAutoRead(true);
    if (session.clientInputClosed) {
      halfClose(target);
    }
  }

  void data(boolean fromClientSide, ByteBuf buf) {
    if (closing()) {
      buf.release();
      return;
    }
    if (fromClientSide) {
      session.bytesFromClient.addAndGet(buf.readableBytes());
      if (!targetReady) {
        pending.add(buf);
        client.config().setAutoRead(false);
        return;
      }
      relayFromClient(buf);
    } else {
      session.bytesFromTarget.addAndGet(buf.readableBytes());
      relay(buf, fromTarget, client, target);
    }
  }

  private void relayFromClient(ByteBuf buf) {
    relay(buf, fromClient, target, client);
  }

  private void relay(ByteBuf buf, SipStream inspection, Channel to, Channel from) {
    if (inspection == null || inspection.isRaw()) {
      to.write(buf); // not SIP (the access list has decided by then): no copy, no scan
    } else {
      byte[] bytes = ByteBufUtil.getBytes(buf);
      buf.release();
      try {
        for (Piece piece : inspection.feed(bytes)) {
          if (!admitted(piece, from == client)) {
            return;
          }
          logInspection(piece, from == client);
          to.write(Unpooled.wrappedBuffer(piece.bytes()));
        }
      } catch (InspectionException e) {
        close("inspection " + e.getMessage());
        return;
      }
    }
    if (!to.isWritable()) {
      from.config().setAutoRead(false);
    }
  }

  /** The access list's second look, once the partner domain of the first request is known. */
  private boolean admitted(Piece piece, boolean fromClientSide) {
    if (session.domainDecided || !fromClientSide) {
      return true;
    }
    if (piece.sip().isEmpty() ? !fromClient.isRaw() : !piece.sip().get().isRequest()) {
      return true; // a keep-alive or a response before any request: wait for a request
    }
    String domain = piece.sip().map(this::partnerDomain).orElse("");
    session.flow = session.flow.withDomain(domain);
    AclVerdict verdict = acl.decide(session.instance.config().accessList(), session.flow);
    LOG.debug("{}: partner domain '{}': {}", session, domain, verdict.reason());
    session.domainDecided = true;
    if (!verdict.permitted()) {
      close(verdict.reason() + " domain " + domain);
      return false;
    }
    return true;
  }

  private String partnerDomain(SipSummary sip) {
    return session.instance.config().direction() == Direction.INBOUND
        ? sip.fromHost()
        : sip.requestUriHost();
  }

  private void logInspection(Piece piece, boolean fromClientSide) {
    if (!LOG.isDebugEnabled() || piece.sip().isEmpty()) {
      return;
    }
    LOG.debug(
        "{}: sip {} '{}' rewrites {}",
        session,
        fromClientSide ? "client->target" : "target->client",
        piece.sip().get().firstLine(),
        piece.rewrites().isEmpty() ? "none" : String.join("; ", piece.rewrites()));
  }

  void readComplete(boolean fromClientSide) {
    Channel to = fromClientSide ? target : client;
    if (to != null && (!fromClientSide || targetReady)) {
      to.flush();
    }
  }

  void writabilityChanged(boolean clientSide) {
    Channel other = clientSide ? target : client;
    Channel self = clientSide ? client : target;
    if (other != null && self.isWritable() && (clientSide || targetReady)) {
      other.config().setAutoRead(true);
    }
  }

  /** One side sent close_notify or FIN: pass the half-close on; both done = closed. */
  void inputClosed(boolean clientSide) {
    if (clientSide) {
      if (session.clientInputClosed) {
        return;
      }
      session.clientInputClosed = true;
    } else {
      if (session.targetInputClosed) {
        return;
      }
      session.targetInputClosed = true;
    }
    LOG.debug("{}: {} half-closed", session, clientSide ? "client" : "target");
    if (session.clientInputClosed && session.targetInputClosed) {
      close("closed");
      return;
    }
    if (clientSide && targetReady) {
      halfClose(target);
    } else if (!clientSide) {
      halfClose(client);
    }
  }

  private void halfClose(Channel channel) {
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    channel.flush();
    if (ssl == null) {
      return;
    }
    ssl.closeOutbound()
        .addListener(
            f -> {
              if (channel instanceof DuplexChannel duplex && channel.isActive()) {
                duplex.shutdownOutput();
              }
            });
  }

  /** Closes both legs with the reason (the first reason wins). */
  void close(String reason) {
    if (closing()) {
      return;
    }
    session.closeReason = reason;
    LOG.info("{}: closed: {}", session, reason);
    registry.closed(session, reason);
    pending.forEach(ByteBuf::release);
    pending.clear();
    for (Channel channel : List.of(client, target == null ? client : target)) {
      if (channel != null && channel.isOpen()) {
        channel.flush();
        channel.close().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
      }
    }
  }
}
