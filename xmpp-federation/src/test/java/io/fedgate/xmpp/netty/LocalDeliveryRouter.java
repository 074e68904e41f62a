package io.fedgate.xmpp.netty;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;

/**
 * The trivial in-test router: a message goes to the full JID, or every session of a bare JID; an
 * undeliverable message goes to the other sessions of its addressee.
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
      sessions.find(to).ifPresent(s -> s.deliver(stanza));
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
