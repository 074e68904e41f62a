package io.fedgate.core.route;

import io.fedgate.core.stanza.XmlElement;

/**
 * Where a gateway hands a stanza that arrived from a remote domain, once that domain is
 * authenticated and allowed by the ACL and the federation policy. The stanza is in {@code
 * jabber:client} form with 'from' a JID of the remote domain and 'to' a local JID. Does not block.
 * Errors for it (unknown user, nobody to take it) go back through the gateway that serves the
 * sender's domain.
 */
@FunctionalInterface
public interface InboundStanzas {
  void deliver(XmlElement stanza);
}
