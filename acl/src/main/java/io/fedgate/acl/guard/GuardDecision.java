package io.fedgate.acl.guard;

import java.time.Duration;

/** What the guard says about one request from a partner. */
public sealed interface GuardDecision {

  /** Let the request through. */
  record Allow(AllowReason reason) implements GuardDecision {}

  /** Refuse the request (SIP 403 / XMPP policy-violation with the reason as text). */
  record Deny(DenyReason reason, String detail) implements GuardDecision {}

  /**
   * Refuse for now (SIP 503 with Retry-After / XMPP resource-constraint).
   *
   * @param retryAfter when a token is next available
   * @param reason which limit applied
   * @param ratePerSecond the limit in force
   */
  record Throttle(Duration retryAfter, ThrottleReason reason, int ratePerSecond)
      implements GuardDecision {}

  /** Why a request was allowed. */
  enum AllowReason {
    /** Allow-listed partners are exempt from the guard. */
    ALLOW_LISTED,
    /** Within the standard rate. */
    WITHIN_STANDARD_RATE,
    /** Suspicious partner, within the reduced rate. */
    WITHIN_SUSPICIOUS_RATE
  }

  /** Why a request was denied. */
  enum DenyReason {
    /** The partner is on the watch list. */
    WATCH_LISTED,
    /** This request took the partner over the distinct-URI limit; it is now on the watch list. */
    DISTINCT_URI_LIMIT,
    /** The partner is not a domain name. */
    INVALID_PARTNER
  }

  /** Which rate limit refused a request. */
  enum ThrottleReason {
    STANDARD_RATE,
    SUSPICIOUS_RATE
  }

  /** Whether the request may proceed. */
  default boolean allowed() {
    return this instanceof Allow;
  }
}
