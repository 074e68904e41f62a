package io.fedgate.appliance.presence;

import io.fedgate.appliance.xmpp.StanzaErrors;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roster get and set (RFC 6121 §2.1-§2.5, versioning §2.6). A set answers the requester and pushes
 * the item to every interested resource; removing an item cancels its subscriptions first (§2.5.2).
 * Runs on the engine's thread.
 */
final class RosterIqHandler {
  private final RosterBook book;
  private final PresenceState state;
  private final Outbox outbox;
  private final SubscriptionHandler subscriptions;

  RosterIqHandler(
      RosterBook book, PresenceState state, Outbox outbox, SubscriptionHandler subscriptions) {
    this.book = book;
    this.state = state;
    this.outbox = outbox;
    this.subscriptions = subscriptions;
  }

  void handle(XmlElement iq, ClientSession sender, long userId) {
    XmlElement query = iq.child(RosterItem.NAMESPACE, "query").orElseThrow();
    switch (iq.attribute("type").orElse("")) {
      case "get" -> get(iq, query, sender, userId);
      case "set" -> set(iq, query, sender, userId);
      default -> {} // results and errors to our pushes need nothing
    }
  }

  private void get(XmlElement iq, XmlElement query, ClientSession sender, long userId) {
    Roster roster = book.of(userId);
    state.interested(sender);
    XmlElement result = result(iq, sender);
    Optional<List<RosterItem>> items = roster.since(query.attribute("ver"));
    if (items.isPresent()) {
      List<Object> children = List.copyOf(items.get().stream().map(RosterItem::toXml).toList());
      result =
          result.withChild(
              new XmlElement(RosterItem.NAMESPACE, "query", Map.of("ver", roster.ver()), children));
    }
    sender.deliver(result); // §2.6.3: empty result when the version is current
  }

  private void set(XmlElement iq, XmlElement query, ClientSession sender, long userId) {
    List<XmlElement> items = query.childElements();
    Optional<Jid> contact =
        items.size() == 1 && items.get(0).name().equals("item")
            ? items.get(0).attribute("jid").flatMap(Jid::parse).filter(Jid::isBare)
            : Optional.empty();
    if (contact.isEmpty()) {
      sender.deliver(error(iq, sender, "bad-request")); // §2.3.3: exactly one item with a jid
      return;
    }
    XmlElement item = items.get(0);
    if (item.attribute("subscription").filter("remove"::equals).isPresent()) {
      remove(iq, sender, userId, contact.get());
      return;
    }
    RosterItem current = book.of(userId).item(contact.get()).orElse(RosterItem.of(contact.get()));
    List<String> groups =
        item.childElements().stream()
            .filter(g -> g.name().equals("group"))
            .map(XmlElement::text)
            .distinct()
            .toList();
    RosterItem updated = current.withNameAndGroups(item.attribute("name").orElse(""), groups);
    long version = book.save(userId, updated);
    sender.deliver(result(iq, sender));
    outbox.push(sender.jid().bare(), updated.toXml(), Long.toString(version));
  }

  private void remove(XmlElement iq, ClientSession sender, long userId, Jid contact) {
    Optional<RosterItem> current = book.of(userId).item(contact);
    if (current.isEmpty()) {
      sender.deliver(error(iq, sender, "item-not-found")); // §2.5.3
      return;
    }
    SubscriptionState s = current.get().state();
    if (s.hasTo() || s.pendingOut()) {
      subscriptions.outbound(userId, sender, contact, "unsubscribe");
    }
    if (s.hasFrom() || s.pendingIn()) {
      subscriptions.outbound(userId, sender, contact, "unsubscribed");
    }
    long version = book.remove(userId, contact);
    sender.deliver(result(iq, sender));
    outbox.push(sender.jid().bare(), RosterItem.removed(contact), Long.toString(version));
  }

  private static XmlElement result(XmlElement iq, ClientSession sender) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("to", sender.jid().toString());
    iq.attribute("id").ifPresent(id -> attributes.put("id", id));
    attributes.put("type", "result");
    return new XmlElement(Namespaces.CLIENT, "iq", attributes, List.of());
  }

  private static XmlElement error(XmlElement iq, ClientSession sender, String condition) {
    return StanzaErrors.reply(iq, condition, "modify", sender.jid().domain());
  }
}
