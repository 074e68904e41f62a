package io.fedgate.appliance.presence;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Presence arriving from a remote domain through a federation gateway, as the local user's server
 * (RFC 6121): subscription stanzas go through the subscription state machine (§3, from the remote
 * bare JID), probes are answered only for contacts with a {@code from} or {@code both} subscription
 * (§4.3.2), other presence is delivered to the addressed session or the user's available sessions
 * (§4.4.3, §4.6.3). Runs on the engine's thread.
 */
final class RemotePresence {
  private final Accounts accounts;
  private final RosterBook book;
  private final PresenceState state;
  private final Outbox outbox;
  private final SubscriptionHandler subscriptions;
  private final BiConsumer<XmlElement, Jid> deliver;

  /**
   * @param deliver hands presence to the addressed local JID (the XCP Router's delivery)
   */
  RemotePresence(
      Accounts accounts,
      RosterBook book,
      PresenceState state,
      Outbox outbox,
      SubscriptionHandler subscriptions,
      BiConsumer<XmlElement, Jid> deliver) {
    this.accounts = accounts;
    this.book = book;
    this.state = state;
    this.outbox = outbox;
    this.subscriptions = subscriptions;
    this.deliver = deliver;
  }

  void handle(XmlElement presence) {
    Optional<Jid> from = presence.attribute("from").flatMap(Jid::parse);
    Optional<Jid> to = presence.attribute("to").flatMap(Jid::parse);
    if (from.isEmpty() || to.isEmpty() || outbox.isLocal(from.get()) || !outbox.isLocal(to.get())) {
      return; // gateways hand only presence from remote JIDs to local ones
    }
    String type = presence.attribute("type").orElse("available");
    switch (type) {
      case "subscribe", "subscribed", "unsubscribe", "unsubscribed" ->
          subscriptions.inbound(
              to.get().bare(),
              presence
                  .withAttribute("from", from.get().bare().toString())
                  .withAttribute("to", to.get().bare().toString()));
      case "probe" -> probe(from.get().bare(), to.get().bare());
      default -> deliver.accept(presence, to.get());
    }
  }

  /** §4.3.2: the presence of each available resource, the last unavailable one, or nothing. */
  private void probe(Jid contact, Jid user) {
    boolean authorised =
        accounts
            .id(user)
            .flatMap(id -> book.of(id).item(contact))
            .map(item -> item.state().hasFrom())
            .orElse(false);
    if (!authorised) {
      outbox.send(Outbox.presence(user, contact, "unsubscribed"), contact);
      return;
    }
    List<XmlElement> current = state.presencesOf(user);
    if (current.isEmpty()) {
      outbox.send(Outbox.presence(user, contact, "unavailable"), contact);
    } else {
      current.forEach(p -> outbox.send(p, contact));
    }
  }
}
