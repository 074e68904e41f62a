package io.fedgate.core.route;

import io.fedgate.core.stanza.XmlElement;
import java.util.function.Consumer;

/**
 * A way off the node for stanzas addressed to a remote domain: the XMPP Federation Connection
 * Manager (S2S) or the SIP federation gateway. Implementations must not block: the router calls
 * them on Netty event loops and on the Presence Engine's thread.
 */
public interface RemoteGateway {

  /**
   * Takes a stanza whose 'to' is in a remote domain and whose 'from' is a local JID. When it cannot
   * be delivered, the gateway calls {@code failed} once, on any thread and possibly much later,
   * with an RFC 6120 §8.3.3 condition ({@code remote-server-not-found}, {@code
   * remote-server-timeout}, {@code service-unavailable}, {@code not-allowed}, ...); the router
   * turns it into an error stanza for the local sender. A gateway never reports a failure for a
   * stanza of type 'error'.
   */
  void send(XmlElement stanza, Consumer<String> failed);
}
