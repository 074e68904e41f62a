package io.fedgate.sip.session;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import java.util.Optional;

/** What happens to a subscription. The first group is the subscriber role, then the notifier's. */
public sealed interface SipSubscriptionEvent
    permits SipSubscriptionEvent.XmppSubscribe,
        SipSubscriptionEvent.XmppUnsubscribe,
        SipSubscriptionEvent.WatcherAvailability,
        SipSubscriptionEvent.SubscribeResponse,
        SipSubscriptionEvent.Notify,
        SipSubscriptionEvent.RemoteSubscribe,
        SipSubscriptionEvent.XmppAnswer,
        SipSubscriptionEvent.XmppPresence,
        SipSubscriptionEvent.NotifyResponse,
        SipSubscriptionEvent.TimerFired {

  /** Subscriber: the local user sent {@code <presence type='subscribe'/>} to the SIP contact. */
  record XmppSubscribe() implements SipSubscriptionEvent {}

  /** Subscriber: the local user sent {@code unsubscribe}. */
  record XmppUnsubscribe() implements SipSubscriptionEvent {}

  /**
   * Subscriber: the local watcher came online (initial presence: refresh now, RFC 8048 §5) or went
   * offline (stop refreshing).
   */
  record WatcherAvailability(boolean online) implements SipSubscriptionEvent {}

  /** Subscriber: the final response to our SUBSCRIBE. */
  record SubscribeResponse(SipMessage response) implements SipSubscriptionEvent {}

  /** Subscriber: a NOTIFY or BENOTIFY in the subscription's dialog. */
  record Notify(SipMessage request) implements SipSubscriptionEvent {}

  /**
   * Notifier: a SUBSCRIBE from the SIP watcher. {@code inDialog} for refreshes and cancels; {@code
   * rosterAuthorized} when the local user already approved the watcher; {@code cached} is the
   * gateway's current presence of the local user, if any (fetches use it).
   */
  record RemoteSubscribe(
      SipMessage subscribe, boolean inDialog, boolean rosterAuthorized, Optional<XmlElement> cached)
      implements SipSubscriptionEvent {}

  /** Notifier: the local user answered with {@code subscribed} or {@code unsubscribed}. */
  record XmppAnswer(XmlElement presence) implements SipSubscriptionEvent {}

  /** Notifier: availability presence of the local user (no type, or unavailable). */
  record XmppPresence(XmlElement presence) implements SipSubscriptionEvent {}

  /** Notifier: the response to a NOTIFY we sent. */
  record NotifyResponse(SipMessage response) implements SipSubscriptionEvent {}

  /** A timer from {@link SipSubscriptionAction.StartTimer} fired. */
  record TimerFired(SipSubscriptionAction.Timer timer) implements SipSubscriptionEvent {}
}
