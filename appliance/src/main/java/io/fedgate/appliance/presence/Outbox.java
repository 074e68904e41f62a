package io.fedgate.appliance.presence;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Where the engine's stanzas go: a local full JID to that session, a local bare JID to the user's
 * available resources (RFC 6121 §4.2.2, §3.1.3), anything else off the node through the XCP
 * Router's federation gateways. Roster pushes go to interested resources (§2.1.6).
 */
final class Outbox {
  private final Set<String> localDomains;
  private final LocalSessions sessions;
  private final PresenceState state;
  private final Consumer<XmlElement> offNode;
  private final BiPredicate<Jid, Jid> blocks;
  private long pushes;

  Outbox(
      Set<String> localDomains,
      LocalSessions sessions,
      PresenceState state,
      Consumer<XmlElement> offNode) {
    this(localDomains, sessions, state, offNode, (owner, other) -> false);
  }

  /**
   * @param blocks whether a local user (first) blocked a JID (second), XEP-0191
   */
  Outbox(
      Set<String> localDomains,
      LocalSessions sessions,
      PresenceState state,
      Consumer<XmlElement> offNode,
      BiPredicate<Jid, Jid> blocks) {
    this.localDomains = Set.copyOf(localDomains);
    this.sessions = sessions;
    this.state = state;
    this.offNode = offNode;
    this.blocks = blocks;
  }

  boolean isLocal(Jid jid) {
    return localDomains.contains(jid.domain());
  }

  /**
   * Sends the stanza to {@code to}. A stanza for another domain goes off the node; an error for it
   * comes back to its 'from' as an error stanza.
   */
  void send(XmlElement stanza, Jid to) {
    if (fromBlocker(stanza, to)) {
      return; // XEP-0191 §3.5-§3.6: a user's presence never reaches a contact it blocked
    }
    sendDespiteBlock(stanza, to);
  }

  /**
   * Sends without the block check: only the last unavailable presence a contact gets when the user
   * blocks it (XEP-0191 §3.3).
   */
  void sendDespiteBlock(XmlElement stanza, Jid to) {
    XmlElement addressed = stanza.withAttribute("to", to.toString());
    if (!isLocal(to)) {
      offNode.accept(addressed);
    } else if (to.isBare()) {
      state.availableSessions(to).forEach(s -> s.deliver(addressed));
    } else {
      sessions.find(to).ifPresent(s -> s.deliver(addressed));
    }
  }

  /**
   * Presence (not a subscription request or answer, which keep their RFC 6121 §3 semantics) from a
   * local user who blocked {@code to}.
   */
  private boolean fromBlocker(XmlElement stanza, Jid to) {
    if (!stanza.name().equals("presence")) {
      return false;
    }
    String type = stanza.attribute("type").orElse("available");
    if (!(type.equals("available") || type.equals("unavailable") || type.equals("probe"))) {
      return false;
    }
    Optional<Jid> from = stanza.attribute("from").flatMap(Jid::parse);
    return from.isPresent() && isLocal(from.get()) && blocks.test(from.get().bare(), to);
  }

  /** A roster push of this item to each interested resource of the user. */
  void push(Jid user, XmlElement item, String ver) {
    XmlElement query =
        new XmlElement(RosterItem.NAMESPACE, "query", Map.of("ver", ver), List.of(item));
    for (ClientSession s : state.interestedSessions(user)) {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("to", s.jid().toString());
      attributes.put("type", "set");
      attributes.put("id", "push-" + (++pushes));
      s.deliver(new XmlElement(Namespaces.CLIENT, "iq", attributes, List.of(query)));
    }
  }

  /** A presence stanza of this type between two JIDs, with no children. */
  static XmlElement presence(Jid from, Jid to, String type) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("from", from.toString());
    attributes.put("to", to.toString());
    if (type != null) {
      attributes.put("type", type);
    }
    return new XmlElement(Namespaces.CLIENT, "presence", attributes, List.of());
  }
}
