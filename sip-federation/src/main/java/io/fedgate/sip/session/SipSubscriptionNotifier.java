package io.fedgate.sip.session;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.session.SipSubscriptionAction.CancelTimers;
import io.fedgate.sip.session.SipSubscriptionAction.Deliver;
import io.fedgate.sip.session.SipSubscriptionAction.Respond;
import io.fedgate.sip.session.SipSubscriptionAction.SendNotify;
import io.fedgate.sip.session.SipSubscriptionAction.StartTimer;
import io.fedgate.sip.session.SipSubscriptionAction.Timer;
import io.fedgate.sip.session.SipSubscriptionEvent.RemoteSubscribe;
import io.fedgate.sip.session.SipSubscriptionState.Phase;
import io.fedgate.sip.translate.PresenceTranslator;
import io.fedgate.sip.translate.SubscriptionState;
import io.fedgate.sip.translate.Translation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The notifier role (PROTOCOL.md §4.2, RFC 8048 §6, RFC 6665 §4.2): a SIP user watches a local XMPP
 * user. SUBSCRIBE is answered at once with an immediate NOTIFY ({@code pending} until the local
 * user decides, {@code active} when the roster already allows it); a fetch ({@code Expires: 0}
 * outside a dialog) is answered from the cache or by probing; a cancel ends with a closed PIDF.
 */
final class SipSubscriptionNotifier {
  private final SipSubscription sub;

  SipSubscriptionNotifier(SipSubscription sub) {
    this.sub = sub;
  }

  SipSubscriptionTransition next(SipSubscriptionState state, SipSubscriptionEvent event) {
    if (event instanceof RemoteSubscribe r) {
      return subscribe(state, r);
    }
    if (state.isTerminated()) {
      return SipSubscriptionTransition.of(state);
    }
    if (event instanceof SipSubscriptionEvent.XmppAnswer a) {
      return answer(state, a.presence().attribute("type").orElse(""));
    }
    if (event instanceof SipSubscriptionEvent.XmppPresence p) {
      SipSubscriptionState next = state.lastPresence(p.presence());
      if (state.cancelling()) { // a fetch waiting for the probe's answer
        return end(next, "timeout", Optional.of(p.presence()));
      }
      return state.phase() == Phase.ACTIVE
          ? SipSubscriptionTransition.of(next, new SendNotify(notify(next, active(next))))
          : SipSubscriptionTransition.of(next);
    }
    if (event instanceof SipSubscriptionEvent.NotifyResponse r) {
      int status = r.response().status();
      // RFC 6665 §4.2.2: a failure response to NOTIFY (other than a timeout retry) ends it
      return status >= 300
          ? SipSubscriptionTransition.of(state.phase(Phase.TERMINATED), new CancelTimers())
          : SipSubscriptionTransition.of(state);
    }
    if (event instanceof SipSubscriptionEvent.TimerFired t && t.timer() == Timer.EXPIRY) {
      Instant now = sub.clock.instant();
      return now.isBefore(state.expiresAt())
          ? SipSubscriptionTransition.of(
              state, new StartTimer(Timer.EXPIRY, Duration.between(now, state.expiresAt())))
          : expired(state);
    }
    return SipSubscriptionTransition.of(state);
  }

  /**
   * The SIP watcher did not refresh in time (RFC 6665 §4.2.2): NOTIFY terminated;reason=timeout,
   * and for the XMPP user the watcher is gone as after a cancel (§4.2); a fetch that never got its
   * probe's answer just ends.
   */
  private SipSubscriptionTransition expired(SipSubscriptionState state) {
    SipSubscriptionTransition end = end(state, "timeout", state.lastPresence());
    if (state.cancelling()) {
      return end;
    }
    List<SipSubscriptionAction> actions = new ArrayList<>(end.actions());
    actions.add(new Deliver(watcherPresence("unavailable")));
    return new SipSubscriptionTransition(end.state(), actions);
  }

  private SipSubscriptionTransition subscribe(SipSubscriptionState state, RemoteSubscribe r) {
    Translation<XmlElement> request = PresenceTranslator.subscribeToXmpp(r.subscribe());
    if (request instanceof Translation.Refused<XmlElement> refused) {
      return SipSubscriptionTransition.of(
          state, new Respond(ImSession.refusal(r.subscribe(), refused)));
    }
    // RFC 6665 §4.2.1.1: the notifier may shorten the duration; never longer than the configured
    // one (3600 s), so a watcher cannot park a subscription here for years
    long expires =
        Math.min(
            PresenceTranslator.expires(r.subscribe()).orElse(PresenceTranslator.DEFAULT_EXPIRES),
            sub.config.expires().toSeconds());
    SipMessage ok =
        SipMessage.responseTo(r.subscribe(), 200, "OK")
            .addHeader("Expires", String.valueOf(expires));
    List<SipSubscriptionAction> actions = new ArrayList<>(List.of(new Respond(ok)));
    SipSubscriptionState next = state;
    if (r.cached().isPresent()) {
      next = next.lastPresence(r.cached().get());
    }
    if (expires == 0) {
      if (r.inDialog()) { // unsubscribe: closed PIDF, and the watcher is gone for XMPP
        actions.addAll(
            end(next, "timeout", Optional.of(presence(sub.presentity, "unavailable"))).actions());
        actions.add(new Deliver(watcherPresence("unavailable")));
        return new SipSubscriptionTransition(next.phase(Phase.TERMINATED), actions);
      }
      if (next.lastPresence().isPresent()) { // fetch answered from the cache (RFC 8048 §7)
        actions.addAll(end(next, "timeout", next.lastPresence()).actions());
        return new SipSubscriptionTransition(next.phase(Phase.TERMINATED), actions);
      }
      actions.add(new SendNotify(bareNotify(SubscriptionState.pending(0))));
      actions.add(new Deliver(watcherPresence("probe")));
      actions.add(new StartTimer(Timer.EXPIRY, Duration.ofSeconds(30)));
      return new SipSubscriptionTransition(
          next.cancelling(true).expiresAt(sub.clock.instant().plusSeconds(30)), actions);
    }
    next = next.expiresAt(sub.clock.instant().plusSeconds(expires));
    actions.add(new StartTimer(Timer.EXPIRY, Duration.ofSeconds(expires)));
    boolean refresh = r.inDialog() && next.phase() != Phase.NEUTRAL;
    if (!refresh && r.rosterAuthorized()) {
      next = next.phase(Phase.ACTIVE).authorized(true);
      actions.add(new SendNotify(bareNotify(active(next))));
      next.lastPresence()
          .ifPresent(
              p -> actions.add(new SendNotify(notify(p, SubscriptionState.active(expires)))));
    } else if (!refresh) {
      next = next.phase(Phase.PENDING);
      actions.add(new SendNotify(bareNotify(SubscriptionState.pending(expires))));
      actions.add(new Deliver(watcherPresence("subscribe")));
    } else if (next.phase() == Phase.ACTIVE && next.lastPresence().isPresent()) {
      actions.add(new SendNotify(notify(next.lastPresence().get(), active(next))));
    } else {
      actions.add(
          new SendNotify(
              bareNotify(
                  next.phase() == Phase.ACTIVE
                      ? active(next)
                      : SubscriptionState.pending(expires))));
    }
    return new SipSubscriptionTransition(next, actions);
  }

  private SipSubscriptionTransition answer(SipSubscriptionState state, String type) {
    if (type.equals("subscribed")) {
      SipSubscriptionState next = state.phase(Phase.ACTIVE).authorized(true);
      List<SipSubscriptionAction> actions = new ArrayList<>();
      actions.add(new SendNotify(bareNotify(active(next))));
      next.lastPresence().ifPresent(p -> actions.add(new SendNotify(notify(p, active(next)))));
      return new SipSubscriptionTransition(next, actions);
    }
    if (type.equals("unsubscribed")) {
      return SipSubscriptionTransition.of(
          state.phase(Phase.TERMINATED).authorized(false),
          new SendNotify(bareNotify(SubscriptionState.terminated("rejected"))),
          new CancelTimers());
    }
    return SipSubscriptionTransition.of(state);
  }

  /** NOTIFY terminated with the given presence as PIDF (closed when none). */
  private SipSubscriptionTransition end(
      SipSubscriptionState state, String reason, Optional<XmlElement> last) {
    XmlElement p = last.orElse(presence(sub.presentity, "unavailable"));
    return SipSubscriptionTransition.of(
        state.phase(Phase.TERMINATED),
        new SendNotify(notify(p, SubscriptionState.terminated(reason))),
        new CancelTimers());
  }

  private SubscriptionState active(SipSubscriptionState state) {
    long left = Math.max(0, Duration.between(sub.clock.instant(), state.expiresAt()).toSeconds());
    return SubscriptionState.active(left);
  }

  private SipMessage notify(SipSubscriptionState state, SubscriptionState ss) {
    return notify(state.lastPresence().orElse(presence(sub.presentity, "unavailable")), ss);
  }

  private SipMessage notify(XmlElement presence, SubscriptionState ss) {
    XmlElement addressed = presence.withAttribute("to", sub.watcher.toString());
    if (presence.attribute("from").isEmpty()) {
      addressed = addressed.withAttribute("from", sub.presentity.toString());
    }
    return PresenceTranslator.toNotify(addressed, ss).asOptional().orElseGet(() -> bareNotify(ss));
  }

  /** An empty NOTIFY (RFC 8048 §6: when there is no meaningful state to report). */
  private SipMessage bareNotify(SubscriptionState ss) {
    return PresenceTranslator.authorizationToNotify(presence(sub.presentity, "subscribed"), 0)
        .asOptional()
        .orElseThrow()
        .withHeader("Subscription-State", ss.toString());
  }

  private XmlElement presence(io.fedgate.core.stanza.Jid from, String type) {
    return Presences.stanza("presence", from, sub.watcher, type);
  }

  /** A presence from the SIP watcher to the local user. */
  private XmlElement watcherPresence(String type) {
    return Presences.stanza("presence", sub.watcher, sub.presentity, type);
  }
}
