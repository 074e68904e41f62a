package io.fedgate.appliance.presence;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.Blocking;
import io.fedgate.xmpp.c2s.ClientSession;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Presence without subscription semantics (RFC 6121 §4): initial presence with probes, broadcast of
 * updates to contacts with a {@code from} subscription and to the user's other resources, directed
 * presence, and unavailable presence when a resource leaves. Runs on the engine's thread.
 */
final class PresenceHandler {
  private final Accounts accounts;
  private final RosterBook book;
  private final PresenceState state;
  private final Outbox outbox;

  PresenceHandler(Accounts accounts, RosterBook book, PresenceState state, Outbox outbox) {
    this.accounts = accounts;
    this.book = book;
    this.state = state;
    this.outbox = outbox;
  }

  /** Presence with no 'to' (§4.2, §4.4, §4.5). */
  void broadcast(XmlElement presence, ClientSession sender) {
    String type = presence.attribute("type").orElse("available");
    if (type.equals("unavailable")) {
      unavailable(sender.jid(), presence, sender);
    } else if (type.equals("available")) {
      boolean initial = state.setAvailable(sender, presence);
      Optional<Roster> roster = accounts.id(sender.jid().bare()).map(book::of);
      Set<Jid> recipients = fromContacts(roster);
      recipients.forEach(c -> outbox.send(presence, c));
      ownResources(sender.jid(), presence);
      if (initial) {
        probe(sender, roster);
      }
    }
  }

  /** Presence to one entity (§4.6); subscription types are handled elsewhere. */
  void directed(XmlElement presence, Jid to, ClientSession sender) {
    String type = presence.attribute("type").orElse("available");
    switch (type) {
      case "available", "unavailable" -> {
        state.directedTo(sender.jid(), to, type.equals("available"));
        outbox.send(presence, to);
      }
      case "error" -> outbox.send(presence, to);
      default -> {} // probes from clients are not honoured (§4.3)
    }
  }

  /**
   * XEP-0191 §3.3-§3.4: when the user blocks contacts that may see its presence (a subscription
   * from them, or its directed presence), each of its available resources goes unavailable for
   * them; when it unblocks them, those with a subscription get its current presence again.
   */
  void blockChanged(Jid user, List<Jid> items, boolean blocked) {
    Set<Jid> subscribers = fromContacts(accounts.id(user).map(book::of));
    for (ClientSession session : state.availableSessions(user)) {
      Set<Jid> concerned = new LinkedHashSet<>(subscribers);
      if (blocked) {
        concerned.addAll(state.directedRecipients(session.jid()));
      }
      concerned.removeIf(c -> items.stream().noneMatch(item -> Blocking.covers(item, c)));
      for (Jid contact : concerned) {
        if (blocked) {
          outbox.sendDespiteBlock(Outbox.presence(session.jid(), contact, "unavailable"), contact);
        } else {
          state.presenceOf(session.jid()).ifPresent(p -> outbox.send(p, contact));
        }
      }
    }
  }

  /** The session ended without unavailable presence (§4.5.1). */
  void ended(ClientSession session) {
    state.ended(session);
    if (state.isAvailable(session)) {
      unavailable(
          session.jid(), Outbox.presence(session.jid(), session.jid(), "unavailable"), null);
    } else if (!state.isAvailable(session.jid())) {
      state.setUnavailable(session.jid()); // forget its directed presence
    } // else a newer session with the same full JID is available: its state stays
  }

  private void unavailable(Jid full, XmlElement presence, ClientSession sender) {
    XmlElement stanza = presence.withAttribute("from", full.toString()).withAttribute("to", null);
    Set<Jid> recipients = new LinkedHashSet<>(state.setUnavailable(full));
    recipients.addAll(fromContacts(accounts.id(full.bare()).map(book::of)));
    recipients.forEach(c -> outbox.send(stanza, c));
    ownResources(full, stanza);
  }

  /** Contacts allowed to see the user's presence (subscription from or both). */
  private static Set<Jid> fromContacts(Optional<Roster> roster) {
    Set<Jid> out = new LinkedHashSet<>();
    roster.ifPresent(
        r -> r.items().stream().filter(i -> i.state().hasFrom()).forEach(i -> out.add(i.jid())));
    return out;
  }

  private void ownResources(Jid full, XmlElement presence) {
    state.availableSessions(full.bare()).stream()
        .filter(s -> !s.jid().equals(full))
        .forEach(s -> s.deliver(presence.withAttribute("to", s.jid().toString())));
  }

  /**
   * §4.2.2: the current presence of the contacts the user may see (local ones answered from memory,
   * remote ones probed through the router), of the user's other resources, and the subscription
   * requests still waiting for this user (§3.1.3).
   */
  private void probe(ClientSession sender, Optional<Roster> roster) {
    Jid user = sender.jid().bare();
    for (RosterItem item : roster.map(Roster::items).orElse(java.util.List.of())) {
      if (item.state().hasTo() && outbox.isLocal(item.jid())) {
        state.presencesOf(item.jid()).forEach(p -> outbox.send(p, sender.jid()));
      } else if (item.state().hasTo()) {
        outbox.send(Outbox.presence(user, item.jid(), "probe"), item.jid());
      }
      if (item.state().pendingIn()) {
        outbox.send(Outbox.presence(item.jid(), user, "subscribe"), sender.jid());
      }
    }
    state.presencesOf(user).stream()
        .filter(p -> !p.attribute("from").orElse("").equals(sender.jid().toString()))
        .forEach(p -> outbox.send(p, sender.jid()));
  }
}
