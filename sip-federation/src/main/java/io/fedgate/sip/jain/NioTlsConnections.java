package io.fedgate.sip.jain;

import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NIOHandler;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransaction;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;
import javax.sip.ClientTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around a JAIN-SIP 1.3.0-91 NIO TLS client defect: a new outbound TLS channel connects its
 * socket in its constructor but does not register it in the NIO handler's connection table, so the
 * first write opens a second socket and re-queues the already encrypted ClientHello as application
 * data on it; the peer then receives garbage and the request is lost. Registering the channel's own
 * socket under the handler's key before the first write makes the write use it. Reflection only
 * touches JAIN-SIP's protected members; any failure leaves the stack's behaviour unchanged.
 *
 * <p>Plain TCP channels (OCS-over-TCP next hops) have the same defect without the encryption: the
 * request goes out on a second socket while the first stays open and unread, and a peer that
 * answers on the connection it first accepted (SIPp) never gets the request; the same registration
 * fixes it (SippInteropIT, TCP leg).
 */
final class NioTlsConnections {
  private static final Logger LOG = LoggerFactory.getLogger(NioTlsConnections.class);
  private static final Field SOCKET;
  private static final Field HANDLER;
  private static final Method GET;
  private static final Method PUT;

  static {
    Field socket = null;
    Field handler = null;
    Method get = null;
    Method put = null;
    try {
      socket = NioTcpMessageChannel.class.getDeclaredField("socketChannel");
      socket.setAccessible(true);
      handler = NioTcpMessageProcessor.class.getDeclaredField("nioHandler");
      handler.setAccessible(true);
      get = NIOHandler.class.getDeclaredMethod("getSocket", String.class);
      get.setAccessible(true);
      put = NIOHandler.class.getDeclaredMethod("putSocket", String.class, SocketChannel.class);
      put.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("JAIN-SIP internals changed; the NIO TLS connection fix is off: {}", e.toString());
    }
    SOCKET = socket;
    HANDLER = handler;
    GET = get;
    PUT = put;
  }

  private NioTlsConnections() {}

  /** Registers the transaction's new TLS or TCP channel socket before the first write. */
  static void register(ClientTransaction transaction, java.net.InetSocketAddress hop) {
    if (PUT == null || !(transaction instanceof SIPTransaction sip)) {
      return;
    }
    register(sip.getMessageChannel(), hop);
  }

  /**
   * Stateless sends (ACK, BENOTIFY) have no transaction: the TCP/TLS channel to the hop is created
   * (or found) here first, through the listening point's processor that the stack's send will use,
   * and its socket registered, so that the stack's send reuses it.
   */
  static void prepare(gov.nist.javax.sip.ListeningPointExt point, java.net.InetSocketAddress hop) {
    if (PUT == null || !(point instanceof gov.nist.javax.sip.ListeningPointImpl impl)) {
      return;
    }
    try {
      register(
          impl.getMessageProcessor().createMessageChannel(hop.getAddress(), hop.getPort()), hop);
    } catch (java.io.IOException | RuntimeException e) {
      LOG.debug("NIO TLS channel to {} not prepared: {}", hop, e.toString());
    }
  }

  private static void register(MessageChannel channel, java.net.InetSocketAddress hop) {
    if (!(channel instanceof NioTcpMessageChannel)) {
      return;
    }
    try {
      SocketChannel socket = (SocketChannel) SOCKET.get(channel);
      Object handler = HANDLER.get(channel.getMessageProcessor());
      String key = hop.getAddress().getHostAddress() + ":" + hop.getPort();
      if (socket != null && socket.isOpen() && GET.invoke(handler, key) == null) {
        PUT.invoke(handler, key, socket);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("NIO TLS connection fix not applied: {}", e.toString());
    }
  }
}
