package io.fedgate.sip.session;

import io.fedgate.core.stanza.XmlElement;
import java.time.Instant;
import java.util.Optional;

/**
 * One SIP presence subscription (a notification dialog, RFC 6665) as data.
 *
 * @param phase RFC 8048 / RFC 6665 §4.1.3 state; NEUTRAL before any NOTIFY (a 2xx to SUBSCRIBE only
 *     means "received")
 * @param expiresAt when the subscription lapses unless refreshed ({@link Instant#MAX} if unknown)
 * @param authorized whether the XMPP side has seen {@code subscribed} for it
 * @param cancelling an {@code Expires: 0} SUBSCRIBE (unsubscribe or fetch) is under way
 * @param watcherOnline whether the local XMPP watcher is online (the gateway only refreshes then)
 * @param lastPresence the presentity's last XMPP presence (notifier role), for refreshes
 * @param failures transient failures in a row of the gateway's SUBSCRIBE (subscriber role: the
 *     retry delay doubles with each)
 */
public record SipSubscriptionState(
    Phase phase,
    Instant expiresAt,
    boolean authorized,
    boolean cancelling,
    boolean watcherOnline,
    Optional<XmlElement> lastPresence,
    int failures) {

  /** Subscription phases (RFC 8048 §4-5). */
  public enum Phase {
    NEUTRAL,
    PENDING,
    ACTIVE,
    TERMINATED
  }

  public static SipSubscriptionState initial() {
    return new SipSubscriptionState(
        Phase.NEUTRAL, Instant.MAX, false, false, true, Optional.empty(), 0);
  }

  SipSubscriptionState phase(Phase newPhase) {
    return new SipSubscriptionState(
        newPhase, expiresAt, authorized, cancelling, watcherOnline, lastPresence, failures);
  }

  SipSubscriptionState expiresAt(Instant when) {
    return new SipSubscriptionState(
        phase, when, authorized, cancelling, watcherOnline, lastPresence, failures);
  }

  SipSubscriptionState authorized(boolean value) {
    return new SipSubscriptionState(
        phase, expiresAt, value, cancelling, watcherOnline, lastPresence, failures);
  }

  SipSubscriptionState cancelling(boolean value) {
    return new SipSubscriptionState(
        phase, expiresAt, authorized, value, watcherOnline, lastPresence, failures);
  }

  SipSubscriptionState watcherOnline(boolean value) {
    return new SipSubscriptionState(
        phase, expiresAt, authorized, cancelling, value, lastPresence, failures);
  }

  SipSubscriptionState lastPresence(XmlElement presence) {
    return new SipSubscriptionState(
        phase, expiresAt, authorized, cancelling, watcherOnline, Optional.of(presence), failures);
  }

  SipSubscriptionState failures(int value) {
    return new SipSubscriptionState(
        phase, expiresAt, authorized, cancelling, watcherOnline, lastPresence, value);
  }

  public boolean isTerminated() {
    return phase == Phase.TERMINATED;
  }
}
