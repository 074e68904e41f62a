package io.fedgate.acl.policy;

import java.util.Optional;

/**
 * Outcome of the federation policy for one domain and direction.
 *
 * @param reason stable reason code
 * @param domain the domain as given
 * @param direction the traffic direction
 * @param exception the exception that decided, if any
 * @param detail for logs and the per-domain history
 */
public record PolicyDecision(
    Reason reason,
    String domain,
    TrafficDirection direction,
    Optional<PolicyException> exception,
    String detail) {

  /** Stable reason codes. */
  public enum Reason {
    /** Default allow, no exception applies. */
    DEFAULT_ALLOW(true),
    /** Default deny, no exception applies. */
    DEFAULT_DENY(false),
    /** Default deny, an exception allows this domain in this direction. */
    EXCEPTION_ALLOW(true),
    /** Default allow, an exception denies this domain in this direction. */
    EXCEPTION_DENY(false),
    /** The domain is not a DNS name. */
    INVALID_DOMAIN(false);

    private final boolean allowed;

    Reason(boolean allowed) {
      this.allowed = allowed;
    }

    public boolean allowed() {
      return allowed;
    }
  }

  public boolean allowed() {
    return reason.allowed();
  }
}
