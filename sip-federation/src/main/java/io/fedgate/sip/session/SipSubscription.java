package io.fedgate.sip.session;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.session.SipSubscriptionAction.CancelTimers;
import io.fedgate.sip.session.SipSubscriptionAction.Deliver;
import io.fedgate.sip.session.SipSubscriptionAction.Respond;
import io.fedgate.sip.session.SipSubscriptionAction.SendSubscribe;
import io.fedgate.sip.session.SipSubscriptionAction.StartTimer;
import io.fedgate.sip.session.SipSubscriptionAction.Timer;
import io.fedgate.sip.session.SipSubscriptionState.Phase;
import io.fedgate.sip.translate.PresenceTranslator;
import io.fedgate.sip.translate.SubscriptionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A SIP presence subscription between a local XMPP user and a SIP user as a transition function
 * (RFC 8048; PROTOCOL.md §4). In the {@link Role#SUBSCRIBER} role the gateway subscribes to the SIP
 * presentity for the local watcher (§4.1): a 2xx to SUBSCRIBE changes nothing on the XMPP side, a
 * pending NOTIFY neither, the first active NOTIFY gives {@code subscribed}; the gateway refreshes
 * before expiry while the watcher is online and on its initial presence; 403/489/603 on a refresh
 * end the authorisation, 423/481 are transient. In the {@link Role#NOTIFIER} role the SIP user
 * watches the local user (§4.2, see {@link SipSubscriptionNotifier}).
 */
public final class SipSubscription {

  /** Which side of the subscription the gateway plays. */
  public enum Role {
    SUBSCRIBER,
    NOTIFIER
  }

  /** {@code expires}: requested duration; {@code retryDelay}: after a transient failure. */
  public record Config(Duration expires, Duration retryDelay) {
    public static Config defaults() {
      return new Config(
          Duration.ofSeconds(PresenceTranslator.DEFAULT_EXPIRES), Duration.ofMinutes(1));
    }
  }

  final Jid watcher;
  final Jid presentity;
  private final Role role;
  final Config config;
  final Clock clock;

  /** {@code watcher} subscribes to {@code presentity}; one of them is local. */
  public SipSubscription(Jid watcher, Jid presentity, Role role, Config config, Clock clock) {
    this.watcher = watcher.bare();
    this.presentity = presentity.bare();
    this.role = role;
    this.config = config;
    this.clock = clock;
  }

  public static SipSubscriptionState initial() {
    return SipSubscriptionState.initial();
  }

  public SipSubscriptionTransition next(SipSubscriptionState state, SipSubscriptionEvent event) {
    if (role == Role.NOTIFIER) {
      return new SipSubscriptionNotifier(this).next(state, event);
    }
    if (state.isTerminated() && !(event instanceof SipSubscriptionEvent.XmppSubscribe)) {
      return event instanceof SipSubscriptionEvent.Notify n
          ? answerNotify(state, n.request())
          : SipSubscriptionTransition.of(state);
    }
    if (event instanceof SipSubscriptionEvent.XmppSubscribe) {
      return SipSubscriptionTransition.of(
          SipSubscriptionState.initial(), new SendSubscribe(subscribe(config.expires()), true));
    }
    if (event instanceof SipSubscriptionEvent.XmppUnsubscribe) {
      return SipSubscriptionTransition.of(
          state.cancelling(true), new SendSubscribe(subscribe(Duration.ZERO), false));
    }
    if (event instanceof SipSubscriptionEvent.WatcherAvailability w) {
      SipSubscriptionState next = state.watcherOnline(w.online());
      return w.online() && !state.cancelling()
          ? SipSubscriptionTransition.of(
              next, new SendSubscribe(subscribe(config.expires()), false))
          : SipSubscriptionTransition.of(next);
    }
    if (event instanceof SipSubscriptionEvent.SubscribeResponse r) {
      return subscribeResponse(state, r.response());
    }
    if (event instanceof SipSubscriptionEvent.Notify n) {
      return SubscriberNotify.handle(this, state, n.request());
    }
    if (event instanceof SipSubscriptionEvent.TimerFired t) {
      return timer(state, t.timer());
    }
    return SipSubscriptionTransition.of(state); // notifier-only events
  }

  private SipSubscriptionTransition subscribeResponse(SipSubscriptionState state, SipMessage r) {
    int status = r.status();
    if (status < 200) {
      return SipSubscriptionTransition.of(state);
    }
    if (status < 300) {
      if (state.cancelling()) {
        // RFC 8048 §5.2: on 200 to the unsubscribe, tell the XMPP user
        return SipSubscriptionTransition.of(
            state.phase(Phase.TERMINATED),
            new Deliver(presence("unsubscribed")),
            new CancelTimers());
      }
      long granted = PresenceTranslator.expires(r).orElse((int) config.expires().toSeconds());
      Instant expiresAt = clock.instant().plusSeconds(granted);
      return SipSubscriptionTransition.of(
          state.expiresAt(expiresAt).failures(0),
          new StartTimer(Timer.REFRESH, refreshDelay(granted)));
    }
    if (status == 423) {
      // RFC 6665 §4.1.2.1: retry with at least Min-Expires
      long min =
          r.header("min-expires")
              .filter(v -> v.matches("\\d{1,9}"))
              .map(Long::parseLong)
              .orElse(config.expires().toSeconds() * 2);
      return SipSubscriptionTransition.of(
          state, new SendSubscribe(subscribe(Duration.ofSeconds(min)), false));
    }
    if (status == 481) {
      return SipSubscriptionTransition.of(
          state, new SendSubscribe(subscribe(config.expires()), true)); // dialog gone: new one
    }
    if (status == 408 || status >= 500 && status < 600) {
      // RFC 8048 §4.5 (amplification): back off, doubling up to an hour, while the peer fails
      SipSubscriptionState next = state.failures(state.failures() + 1);
      return SipSubscriptionTransition.of(next, new StartTimer(Timer.RETRY, retryDelay(next)));
    }
    // 403/489/603 and other final refusals: the authorisation is gone (RFC 8048 §5.1)
    List<SipSubscriptionAction> actions = new ArrayList<>();
    actions.add(new Deliver(presence("unsubscribed")));
    actions.add(new CancelTimers());
    return new SipSubscriptionTransition(state.phase(Phase.TERMINATED).authorized(false), actions);
  }

  private SipSubscriptionTransition timer(SipSubscriptionState state, Timer timer) {
    if (timer == Timer.RETRY) {
      return SipSubscriptionTransition.of(
          state, new SendSubscribe(subscribe(config.expires()), true));
    }
    if (timer != Timer.REFRESH || state.cancelling()) {
      return SipSubscriptionTransition.of(state);
    }
    if (!state.watcherOnline()) {
      return SipSubscriptionTransition.of(state); // initial presence will refresh
    }
    return SipSubscriptionTransition.of(
        state, new SendSubscribe(subscribe(config.expires()), false));
  }

  /** The configured retry delay, doubled for each further failure in a row, at most an hour. */
  Duration retryDelay(SipSubscriptionState state) {
    int doublings = Math.min(Math.max(0, state.failures() - 1), 12);
    Duration delay = config.retryDelay().multipliedBy(1L << doublings);
    return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
  }

  static final Duration MAX_RETRY = Duration.ofHours(1);

  /** Refresh 10 minutes before expiry, or half-way for short subscriptions (RFC 6665 §4.1.2.2). */
  static Duration refreshDelay(long grantedSeconds) {
    return Duration.ofSeconds(
        grantedSeconds > 1200 ? grantedSeconds - 600 : Math.max(1, grantedSeconds / 2));
  }

  SipMessage subscribe(Duration expires) {
    XmlElement request = Presences.stanza("presence", watcher, presentity, "subscribe");
    return PresenceTranslator.toSubscribe(request)
        .asOptional()
        .orElseThrow()
        .withHeader("Expires", String.valueOf(expires.toSeconds()));
  }

  /** A presence from the presentity to the watcher. */
  XmlElement presence(String type) {
    return Presences.stanza("presence", presentity, watcher, type);
  }

  /** 200 to NOTIFY; nothing for BENOTIFY, which is never answered (PROTOCOL.md §6.4). */
  static SipSubscriptionTransition answerNotify(SipSubscriptionState state, SipMessage notify) {
    return notify.method().equals("BENOTIFY")
        ? SipSubscriptionTransition.of(state)
        : SipSubscriptionTransition.of(
            state, new Respond(SipMessage.responseTo(notify, 200, "OK")));
  }

  static SubscriptionState stateOf(SipMessage notify) {
    return SubscriptionState.parse(notify.header("subscription-state").orElse("terminated"));
  }
}
