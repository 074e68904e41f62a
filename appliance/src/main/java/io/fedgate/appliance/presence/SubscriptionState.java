package io.fedgate.appliance.presence;

/** The nine subscription states of RFC 6121 Appendix A.1 (pre-approval is kept apart). */
public enum SubscriptionState {
  NONE("none", false, false),
  NONE_PENDING_OUT("none", true, false),
  NONE_PENDING_IN("none", false, true),
  NONE_PENDING_OUT_IN("none", true, true),
  TO("to", false, false),
  TO_PENDING_IN("to", false, true),
  FROM("from", false, false),
  FROM_PENDING_OUT("from", true, false),
  BOTH("both", false, false);

  private final String subscription;
  private final boolean pendingOut;
  private final boolean pendingIn;

  SubscriptionState(String subscription, boolean pendingOut, boolean pendingIn) {
    this.subscription = subscription;
    this.pendingOut = pendingOut;
    this.pendingIn = pendingIn;
  }

  /** The roster item's {@code subscription} attribute (RFC 6121 §2.1.2.5). */
  public String subscription() {
    return subscription;
  }

  /** An outbound request awaits approval: the item shows {@code ask='subscribe'}. */
  public boolean pendingOut() {
    return pendingOut;
  }

  public boolean pendingIn() {
    return pendingIn;
  }

  /** The contact may see the user's presence (from or both). */
  public boolean hasFrom() {
    return this == FROM || this == FROM_PENDING_OUT || this == BOTH;
  }

  /** The user sees the contact's presence (to or both). */
  public boolean hasTo() {
    return this == TO || this == TO_PENDING_IN || this == BOTH;
  }

  /** The state stored as {@code subscription}, {@code pending_out} and {@code pending_in}. */
  public static SubscriptionState of(String subscription, boolean pendingOut, boolean pendingIn) {
    for (SubscriptionState s : values()) {
      if (s.subscription.equalsIgnoreCase(subscription)
          && s.pendingOut == pendingOut
          && s.pendingIn == pendingIn) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "no subscription state " + subscription + " out=" + pendingOut + " in=" + pendingIn);
  }
}
