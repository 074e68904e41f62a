package io.fedgate.xmpp.netty;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;

/**
 * The trivial in-test router: a message goes to the full JID, or every session of a bare JID; an
 * undeliverable message, or one to a full JID without a session, goes to the other sessions of its
 * addressee (as RFC 6121 §8.5.3.2.1 treats it like the bare JID).
 */
final class LocalDeliveryRouter implements StanzaRouter {
  private final LocalSessions sessions;

  LocalDeliveryRouter(LocalSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void route(XmlElement stanza, ClientSession sender) {
    if (!"message".equals(stanza.name())) {
      return;
    }
    Jid to = stanza.attribute("to").flatMap(Jid::parse).orElse(null);
    if (to == null) {
      return;
    }
    if (to.isBare()) {
      sessions.ofUser(to).forEach(s -> s.deliver(stanza));
    } else {
      sessions.find(to).ifPresentOrElse(s -> s.deliver(stanza), () -> undeliverable(stanza));
    }
  }

  @Override
  public void undeliverable(XmlElement stanza) {
    if ("message".equals(stanza.name())) {
      stanza
          .attribute("to")
          .flatMap(Jid::parse)
          .ifPresent(to -> sessions.ofUser(to.bare()).forEach(s -> s.deliver(stanza)));
    }
  }
}
