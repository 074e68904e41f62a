package io.fedgate.sip.session;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import java.time.Duration;

/** What the adapter does for a subscription. */
public sealed interface SipSubscriptionAction
    permits SipSubscriptionAction.SendSubscribe,
        SipSubscriptionAction.SendNotify,
        SipSubscriptionAction.Respond,
        SipSubscriptionAction.Deliver,
        SipSubscriptionAction.StartTimer,
        SipSubscriptionAction.CancelTimers {

  /** Subscription timers. */
  enum Timer {
    /** Subscriber: time to re-SUBSCRIBE (the gateway owns Expires, RFC 8048 §5). */
    REFRESH,
    /** Subscriber: retry after a transient failure. */
    RETRY,
    /** Notifier: the watcher's subscription lapses unless refreshed. */
    EXPIRY
  }

  /**
   * Send this SUBSCRIBE; {@code newDialog} false means in the subscription's existing dialog
   * (refresh, unsubscribe). The stack adds Via, CSeq, tags, Contact, Call-ID.
   */
  record SendSubscribe(SipMessage subscribe, boolean newDialog) implements SipSubscriptionAction {}

  /** Send this NOTIFY in the subscription's dialog (never BENOTIFY, PROTOCOL.md §6.4). */
  record SendNotify(SipMessage request) implements SipSubscriptionAction {}

  /** Answer the request the event carried (never done for BENOTIFY). */
  record Respond(SipMessage response) implements SipSubscriptionAction {}

  /** Hand this presence stanza to the XMPP side. */
  record Deliver(XmlElement stanza) implements SipSubscriptionAction {}

  /** (Re)start this timer; a running one of the same kind is replaced. */
  record StartTimer(Timer timer, Duration delay) implements SipSubscriptionAction {}

  /** The subscription is over: cancel its timers and forget it. */
  record CancelTimers() implements SipSubscriptionAction {}
}
