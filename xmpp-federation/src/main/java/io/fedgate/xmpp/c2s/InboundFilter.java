package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;

/**
 * Port: a last check before a stanza is written to a bound session (e.g. XEP-0191 blocking). Called
 * on any thread; must answer from memory.
 */
@FunctionalInterface
public interface InboundFilter {
  InboundFilter ACCEPT_ALL = (recipient, stanza) -> true;

  /**
   * @return false to drop the stanza (the filter has answered its sender where a protocol says so)
   */
  boolean accept(Jid recipient, XmlElement stanza);
}
