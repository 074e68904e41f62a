package io.fedgate.appliance.presence;

import io.fedgate.appliance.presence.Subscriptions.Step;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import java.util.Optional;

/**
 * Subscription stanzas (RFC 6121 §3): applies {@link Subscriptions} to the user's roster (outbound)
 * and the local contact's roster (inbound), then performs the actions. Runs on the engine's thread.
 */
final class SubscriptionHandler {
  private final Accounts accounts;
  private final RosterBook book;
  private final PresenceState state;
  private final Outbox outbox;

  SubscriptionHandler(Accounts accounts, RosterBook book, PresenceState state, Outbox outbox) {
    this.accounts = accounts;
    this.book = book;
    this.state = state;
    this.outbox = outbox;
  }

  /** A subscription stanza of this type the server sends for the user (§2.5.2). */
  void outbound(long userId, ClientSession sender, Jid contact, String type) {
    outbound(userId, sender, contact, Outbox.presence(sender.jid(), contact, type));
  }

  /**
   * A subscription stanza from the user's session to {@code contact}; it is routed with bare JIDs
   * and keeps its children (a request's status text, §3.1.1).
   */
  void outbound(long userId, ClientSession sender, Jid contact, XmlElement stanza) {
    String type = stanza.attribute("type").orElse("");
    Jid user = sender.jid().bare();
    Jid to = contact.bare();
    RosterItem item = book.of(userId).item(to).orElse(RosterItem.of(to));
    Step step =
        Subscriptions.apply(item.state(), item.preApproved(), SubscriptionEvent.of(type, true));
    save(userId, user, item, step);
    if (step.has(SubscriptionAction.ROUTE)) {
      XmlElement stamped =
          stanza.withAttribute("from", user.toString()).withAttribute("to", to.toString());
      if (outbox.isLocal(to)) {
        inbound(to, stamped);
      } else {
        outbox.send(stamped, to);
      }
    }
    presenceActions(user, to, step);
  }

  /** A subscription stanza (from a bare JID) for the local user {@code to}. */
  void inbound(Jid to, XmlElement stanza) {
    String type = stanza.attribute("type").orElse("");
    Optional<Jid> from = stanza.attribute("from").flatMap(Jid::parse).map(Jid::bare);
    Optional<Long> userId = accounts.id(to);
    if (from.isEmpty()) {
      return;
    }
    if (userId.isEmpty()) {
      if (type.equals("subscribe") && accounts.id(from.get()).isPresent()) {
        inbound(from.get(), Outbox.presence(to, from.get(), "unsubscribed")); // §3.1.3
      }
      return;
    }
    RosterItem item = book.of(userId.get()).item(from.get()).orElse(RosterItem.of(from.get()));
    Step step =
        Subscriptions.apply(item.state(), item.preApproved(), SubscriptionEvent.of(type, false));
    save(userId.get(), to, item, step);
    if (step.has(SubscriptionAction.DELIVER)) {
      outbox.send(stanza, to);
    }
    if (step.has(SubscriptionAction.AUTO_SUBSCRIBED)) {
      XmlElement reply = Outbox.presence(to, from.get(), "subscribed");
      if (outbox.isLocal(from.get())) {
        inbound(from.get(), reply);
      } else {
        outbox.send(reply, from.get());
      }
    }
    presenceActions(to, from.get(), step);
  }

  /** After the subscription changed: presence, unavailable presence or a probe (§3.1.5-§3.3). */
  private void presenceActions(Jid user, Jid contact, Step step) {
    if (step.has(SubscriptionAction.SEND_PRESENCE)) {
      state.presencesOf(user).forEach(p -> outbox.send(p, contact));
    }
    if (step.has(SubscriptionAction.SEND_UNAVAILABLE)) {
      state
          .availableSessions(user)
          .forEach(s -> outbox.send(Outbox.presence(s.jid(), contact, "unavailable"), contact));
    }
    if (step.has(SubscriptionAction.PROBE) && outbox.isLocal(contact)) {
      state.presencesOf(contact).forEach(p -> outbox.send(p, user));
    } else if (step.has(SubscriptionAction.PROBE)) {
      outbox.send(Outbox.presence(user, contact, "probe"), contact);
    }
  }

  private void save(long userId, Jid user, RosterItem item, Step step) {
    if (step.state() == item.state() && step.preApproved() == item.preApproved()) {
      return;
    }
    RosterItem changed = item.with(step.state(), step.preApproved());
    if (!item.visible() && changed.state() == SubscriptionState.NONE && !changed.preApproved()) {
      book.remove(userId, item.jid()); // a request denied before any item existed (§3.2.1)
    } else if (!changed.visible()) {
      book.save(userId, changed); // kept for redelivery at login, not a roster item (§3.1.3)
    } else {
      long version = book.save(userId, changed);
      outbox.push(user, changed.toXml(), Long.toString(version));
    }
  }
}
