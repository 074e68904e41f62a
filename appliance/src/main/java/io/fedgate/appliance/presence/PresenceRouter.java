package io.fedgate.appliance.presence;

import io.fedgate.appliance.xmpp.StanzaErrors;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.StanzaRouter;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@link StanzaRouter} the C2S listeners use: presence and roster IQs go to the Presence
 * Engine's thread, everything else (and presence without 'to', for availability and offline
 * delivery) to the XCP Router. Called on Netty event loops: only classifies and hands over.
 */
final class PresenceRouter implements StanzaRouter {
  private static final Set<String> SUBSCRIPTION =
      Set.of("subscribe", "subscribed", "unsubscribe", "unsubscribed");

  /** The engine's thread, as seen from an event loop. */
  interface EngineThread {
    /** Runs the work on the engine's thread; false when the engine is stopped. */
    boolean submit(Runnable work);
  }

  private final StanzaRouter router;
  private final EngineThread engine;
  private final Accounts accounts;
  private final PresenceHandler presence;
  private final SubscriptionHandler subscriptions;
  private final RosterIqHandler rosters;

  PresenceRouter(
      StanzaRouter router,
      EngineThread engine,
      Accounts accounts,
      PresenceHandler presence,
      SubscriptionHandler subscriptions,
      RosterIqHandler rosters) {
    this.router = router;
    this.engine = engine;
    this.accounts = accounts;
    this.presence = presence;
    this.subscriptions = subscriptions;
    this.rosters = rosters;
  }

  @Override
  public void route(XmlElement stanza, ClientSession sender) {
    Optional<String> to = stanza.attribute("to");
    if (stanza.name().equals("presence") && to.isEmpty()) {
      router.route(stanza, sender); // availability and offline delivery
      engine.submit(() -> presence.broadcast(stanza, sender));
    } else if (stanza.name().equals("presence")) {
      Optional<Jid> target = Jid.parse(to.get());
      if (target.isEmpty()) {
        sender.deliver(
            StanzaErrors.reply(stanza, "jid-malformed", "modify", domain(sender))
                .withAttribute("from", domain(sender)));
        return;
      }
      engine.submit(() -> presenceTo(stanza, target.get(), sender));
    } else if (isRosterIq(stanza, sender)) {
      forUser(stanza, sender, id -> rosters.handle(stanza, sender, id));
    } else {
      router.route(stanza, sender);
    }
  }

  @Override
  public void undeliverable(XmlElement stanza) {
    router.undeliverable(stanza);
  }

  @Override
  public void sessionEnded(ClientSession session) {
    router.sessionEnded(session);
    engine.submit(() -> presence.ended(session));
  }

  private void presenceTo(XmlElement stanza, Jid to, ClientSession sender) {
    String type = stanza.attribute("type").orElse("available");
    if (SUBSCRIPTION.contains(type)) {
      accounts
          .id(sender.jid().bare())
          .ifPresent(id -> subscriptions.outbound(id, sender, to, stanza));
    } else {
      presence.directed(stanza, to, sender);
    }
  }

  /** §2.1.3: a roster IQ has no 'to' or the user's own bare JID. */
  private static boolean isRosterIq(XmlElement stanza, ClientSession sender) {
    return stanza.name().equals("iq")
        && stanza.child(RosterItem.NAMESPACE, "query").isPresent()
        && stanza.attribute("to").map(t -> t.equals(sender.jid().bare().toString())).orElse(true);
  }

  private void forUser(XmlElement stanza, ClientSession sender, Consumer<Long> work) {
    boolean accepted =
        engine.submit(
            () ->
                accounts
                    .id(sender.jid().bare())
                    .ifPresentOrElse(work, () -> sender.deliver(unavailable(stanza, sender))));
    if (!accepted) {
      sender.deliver(unavailable(stanza, sender));
    }
  }

  private static XmlElement unavailable(XmlElement stanza, ClientSession sender) {
    return StanzaErrors.reply(stanza, "service-unavailable", "cancel", domain(sender));
  }

  private static String domain(ClientSession sender) {
    return sender.jid().domain();
  }
}
