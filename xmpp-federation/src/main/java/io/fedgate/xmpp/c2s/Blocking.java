package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;

/** XEP-0191 Blocking Command: namespaces and the JID matching rules of §3.3 (XEP-0016 §2.1). */
public final class Blocking {
  public static final String NAMESPACE = "urn:xmpp:blocking";
  public static final String ERRORS = "urn:xmpp:blocking:errors";

  private Blocking() {}

  /**
   * Whether a block-list item covers {@code from}: a full JID only itself; a bare JID every
   * resource of it; a domain everything at that domain; {@code domain/resource} only itself.
   */
  public static boolean covers(Jid item, Jid from) {
    if (!item.local().isEmpty()) {
      return item.isBare() ? from.bare().equals(item) : from.equals(item);
    }
    if (!item.isBare()) {
      return from.local().isEmpty() && from.equals(item);
    }
    return from.domain().equals(item.domain());
  }
}
