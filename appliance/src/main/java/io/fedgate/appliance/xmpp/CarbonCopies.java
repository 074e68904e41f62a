package io.fedgate.appliance.xmpp;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.Carbons;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import java.util.Collection;

/**
 * XEP-0280 Message Carbons for local users: a copy of each eligible chat message a user sends goes
 * to the user's other resources that enabled carbons ({@code <sent/>}, §6), and a copy of each one
 * delivered to some of the user's resources goes to the others that enabled carbons ({@code
 * <received/>}, §5). Messages marked private or no-copy are not copied. Reads only the session
 * registry: safe on event loops.
 */
final class CarbonCopies {
  private final LocalSessions sessions;

  CarbonCopies(LocalSessions sessions) {
    this.sessions = sessions;
  }

  /** §6: the user of {@code sender} sent this message. */
  void sent(XmlElement message, ClientSession sender) {
    if (!Carbons.eligible(message)) {
      return;
    }
    for (ClientSession other : sessions.ofUser(sender.jid().bare())) {
      if (other != sender && other.carbonsEnabled()) {
        other.deliver(Carbons.copy(message, "sent", other.jid()));
      }
    }
  }

  /** §5: this message for {@code user} went to {@code deliveredTo}. */
  void received(XmlElement message, Jid user, Collection<ClientSession> deliveredTo) {
    if (!Carbons.eligible(message)) {
      return;
    }
    for (ClientSession other : sessions.ofUser(user.bare())) {
      if (!deliveredTo.contains(other) && other.carbonsEnabled()) {
        other.deliver(Carbons.copy(message, "received", other.jid()));
      }
    }
  }
}
