package io.fedgate.appliance.xmpp;

import io.fedgate.appliance.store.LocalUser;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The XCP Router's local delivery (RFC 6121 §8.5). Messages to a full JID go to that session; to a
 * bare JID, to the available resource(s) of highest non-negative priority, else into offline
 * storage. Stanzas for a non-local domain get {@code remote-server-not-found} until the S2S and SIP
 * gateways exist; an unknown or disabled local user gets {@code service-unavailable}. Error stanzas
 * are never answered with errors, so nothing loops. Presence only records which sessions are
 * available and with what priority (rosters and broadcast are the Presence Engine's). Runs on event
 * loops: reads only in-memory snapshots, storage goes to the {@link OfflineStore} thread.
 */
final class LocalRouter implements StanzaRouter {
  private final Set<String> localDomains;
  private final UserDirectory users;
  private final LocalSessions sessions;
  private final OfflineStore offline;
  private final ConcurrentMap<Jid, Integer> available = new ConcurrentHashMap<>();

  LocalRouter(
      List<String> localDomains,
      UserDirectory users,
      LocalSessions sessions,
      OfflineStore offline) {
    this.localDomains = Set.copyOf(localDomains);
    this.users = users;
    this.sessions = sessions;
    this.offline = offline;
  }

  @Override
  public void route(XmlElement stanza, ClientSession sender) {
    switch (stanza.name()) {
      case "message" -> message(stanza, sender);
      case "presence" -> presence(stanza, sender);
      case "iq" -> iq(stanza, sender);
      default -> {} // the stream layer passes only stanzas
    }
  }

  @Override
  public void sessionEnded(ClientSession session) {
    available.remove(session.jid());
  }

  private void message(XmlElement stanza, ClientSession sender) {
    String type = stanza.attribute("type").orElse("normal");
    Jid to = stanza.attribute("to").flatMap(Jid::parse).orElse(sender.jid().bare());
    if (type.equals("error")) {
      sessions.find(to).ifPresent(s -> s.deliver(stanza)); // never bounce an error
      return;
    }
    Optional<LocalUser> user = localUser(stanza, to, sender);
    if (user.isEmpty()) {
      return;
    }
    Optional<ClientSession> exact = to.isBare() ? Optional.empty() : sessions.find(to);
    if (exact.isPresent()) {
      exact.get().deliver(stanza);
      return;
    }
    List<ClientSession> targets = highestPriority(to.bare());
    if (!targets.isEmpty() && !type.equals("groupchat")) {
      targets.forEach(s -> s.deliver(stanza)); // §8.5.2.1.1: all of the highest priority
    } else if (type.equals("normal") || type.equals("chat")) {
      offline.store(user.get().id(), stanza, () -> bounce(stanza, sender, "service-unavailable"));
    } else if (type.equals("groupchat")) {
      bounce(stanza, sender, "service-unavailable"); // §8.5.2.1.1 / §8.5.3.2.1
    } // headline with nobody available: silently ignored (§8.5.2.2.1)
  }

  private void iq(XmlElement stanza, ClientSession sender) {
    String type = stanza.attribute("type").orElse("");
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    Optional<ClientSession> target = to.flatMap(sessions::find);
    if (target.isPresent()) {
      target.get().deliver(stanza);
    } else if ((type.equals("get") || type.equals("set")) && to.isPresent()) {
      String condition =
          localDomains.contains(to.get().domain())
              ? "service-unavailable"
              : "remote-server-not-found";
      bounce(stanza, sender, condition);
    } // results and errors for nobody are dropped
  }

  /**
   * Presence without 'to' tracks availability and priority. Presence the Presence Engine routes off
   * the node gets {@code remote-server-not-found} until the gateways exist; local presence is the
   * engine's.
   */
  private void presence(XmlElement stanza, ClientSession sender) {
    Optional<Jid> to = stanza.attribute("to").flatMap(Jid::parse);
    if (to.isPresent()) {
      boolean error = stanza.attribute("type").filter("error"::equals).isPresent();
      if (!error && !localDomains.contains(to.get().domain())) {
        bounce(stanza, sender, "remote-server-not-found");
      }
      return;
    }
    String type = stanza.attribute("type").orElse("available");
    if (type.equals("unavailable")) {
      available.remove(sender.jid());
    } else if (type.equals("available")) {
      int priority = priority(stanza);
      Integer before = available.put(sender.jid(), priority);
      if (before == null && priority >= 0) {
        Jid jid = sender.jid();
        users.enabled(jid.local(), jid.domain()).ifPresent(u -> offline.deliver(u.id(), sender));
      }
    }
  }

  /** The enabled local user addressed, or empty after answering with the right error. */
  private Optional<LocalUser> localUser(XmlElement stanza, Jid to, ClientSession sender) {
    if (!localDomains.contains(to.domain())) {
      bounce(stanza, sender, "remote-server-not-found");
      return Optional.empty();
    }
    Optional<LocalUser> user =
        to.local().isEmpty() ? Optional.empty() : users.enabled(to.local(), to.domain());
    if (user.isEmpty()) {
      bounce(stanza, sender, "service-unavailable"); // RFC 6121 §8.5.1
    }
    return user;
  }

  private List<ClientSession> highestPriority(Jid bare) {
    List<ClientSession> candidates =
        sessions.ofUser(bare).stream()
            .filter(s -> available.getOrDefault(s.jid(), -1) >= 0)
            .toList();
    int best =
        candidates.stream().mapToInt(s -> available.getOrDefault(s.jid(), -1)).max().orElse(-1);
    return candidates.stream().filter(s -> available.getOrDefault(s.jid(), -1) == best).toList();
  }

  private static int priority(XmlElement presence) {
    try {
      int value =
          Integer.parseInt(
              presence
                  .child(Namespaces.CLIENT, "priority")
                  .map(XmlElement::text)
                  .orElse("0")
                  .trim());
      return Math.max(-128, Math.min(127, value));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void bounce(XmlElement stanza, ClientSession sender, String condition) {
    sender.deliver(StanzaErrors.reply(stanza, condition, "cancel", sender.jid().domain()));
  }
}
