package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.XmlElement;

/**
 * Port: where stanzas from local clients go once their 'from' is stamped (the appliance's "XCP
 * Router"). Called on a Netty event loop: an implementation must not block; it hands slow work to
 * its own executor.
 */
public interface StanzaRouter {

  /**
   * @param stanza a {@code message}, {@code presence} or {@code iq} in {@code jabber:client} whose
   *     'from' is the sender's full JID
   * @param sender the session that sent it
   */
  void route(XmlElement stanza, ClientSession sender);

  /** The session ended (stream closed or connection lost); presence cleanup goes here. */
  default void sessionEnded(ClientSession session) {}

  /**
   * A stanza delivered to a session that ended before its client acknowledged it (XEP-0198 §4), or
   * delivered after the session ended: route it again by its 'to' (another resource or offline
   * storage for a message; an error to the sender of an IQ request). Called on any thread; must not
   * block.
   */
  default void undeliverable(XmlElement stanza) {}
}
