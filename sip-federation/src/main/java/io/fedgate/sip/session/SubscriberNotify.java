package io.fedgate.sip.session;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.session.SipSubscriptionAction.CancelTimers;
import io.fedgate.sip.session.SipSubscriptionAction.Deliver;
import io.fedgate.sip.session.SipSubscriptionAction.Respond;
import io.fedgate.sip.session.SipSubscriptionAction.SendSubscribe;
import io.fedgate.sip.session.SipSubscriptionAction.StartTimer;
import io.fedgate.sip.session.SipSubscriptionState.Phase;
import io.fedgate.sip.translate.PresenceTranslator;
import io.fedgate.sip.translate.SubscriptionState;
import io.fedgate.sip.translate.Translation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A NOTIFY/BENOTIFY in the subscriber role (RFC 8048 §5, PROTOCOL.md §4.1). */
final class SubscriberNotify {
  private SubscriberNotify() {}

  static SipSubscriptionTransition handle(
      SipSubscription sub, SipSubscriptionState state, SipMessage notify) {
    List<SipSubscriptionAction> actions =
        new ArrayList<>(SipSubscription.answerNotify(state, notify).actions());
    SubscriptionState ss = SipSubscription.stateOf(notify);
    SipSubscriptionState next = state;
    if (ss.expires().isPresent()) {
      next = next.expiresAt(sub.clock.instant().plusSeconds(ss.expires().getAsLong()));
    }
    switch (ss.state()) {
      case PENDING -> next = next.phase(Phase.PENDING); // nothing for XMPP yet
      case ACTIVE -> {
        boolean first = !next.authorized();
        if (first) {
          actions.add(new Deliver(sub.presence("subscribed")));
        }
        next = next.phase(Phase.ACTIVE).authorized(true);
        if (notify.body().length > 0 || !first) {
          Translation<XmlElement> p = PresenceTranslator.notifyToXmpp(notify);
          if (p instanceof Translation.Refused<XmlElement> refused
              && !notify.method().equals("BENOTIFY")) {
            actions.clear();
            actions.add(new Respond(io.fedgate.sip.session.ImSession.refusal(notify, refused)));
            if (first) {
              actions.add(new Deliver(sub.presence("subscribed")));
            }
          }
          p.asOptional().ifPresent(s -> actions.add(new Deliver(s)));
        }
      }
      case TERMINATED -> {
        return terminated(sub, next, ss.reason(), actions);
      }
    }
    return new SipSubscriptionTransition(next, actions);
  }

  /** RFC 6665 §4.1.3 reasons: rejected/noresource end the authorisation; others re-subscribe. */
  private static SipSubscriptionTransition terminated(
      SipSubscription sub,
      SipSubscriptionState state,
      Optional<String> reason,
      List<SipSubscriptionAction> actions) {
    String why = reason.orElse("");
    if (state.authorized()) {
      actions.add(new Deliver(sub.presence("unavailable")));
    }
    if (state.cancelling()) {
      actions.add(new CancelTimers());
      return new SipSubscriptionTransition(state.phase(Phase.TERMINATED), actions);
    }
    switch (why) {
      case "rejected", "noresource" -> {
        actions.add(new Deliver(sub.presence("unsubscribed")));
        actions.add(new CancelTimers());
        return new SipSubscriptionTransition(
            state.phase(Phase.TERMINATED).authorized(false), actions);
      }
      case "timeout" -> {
        if (!state.watcherOnline()) {
          // not refreshed while the watcher was offline: its next initial presence subscribes
          return new SipSubscriptionTransition(state.phase(Phase.NEUTRAL), actions);
        }
        actions.add(new SendSubscribe(sub.subscribe(sub.config.expires()), true));
      }
      case "probation", "giveup" ->
          actions.add(new StartTimer(SipSubscriptionAction.Timer.RETRY, sub.retryDelay(state)));
      default -> actions.add(new SendSubscribe(sub.subscribe(sub.config.expires()), true));
    }
    return new SipSubscriptionTransition(state.phase(Phase.NEUTRAL), actions);
  }
}
