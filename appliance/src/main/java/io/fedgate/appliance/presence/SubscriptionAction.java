package io.fedgate.appliance.presence;

/** What the engine does after a subscription transition (RFC 6121 §3). */
public enum SubscriptionAction {
  /** Route the stanza on to the contact (user's server, §3.1.2, §3.2.2, §3.3.2, §3.1.5). */
  ROUTE,
  /** Deliver the stanza to the user's available resources (contact's server, §3.1.3). */
  DELIVER,
  /** Push the changed roster item to the user's interested resources (§2.1.6). */
  PUSH,
  /**
   * Answer with {@code subscribed} for the user: already approved or pre-approved (§3.1.3, §3.4).
   */
  AUTO_SUBSCRIBED,
  /** Send the user's current presence to the contact who may now see it (§3.1.5). */
  SEND_PRESENCE,
  /** Send unavailable presence from the user's resources to the contact (§3.2.2, §3.3.3). */
  SEND_UNAVAILABLE,
  /** Fetch the contact's current presence for the user, who may now see it (§3.1.6). */
  PROBE
}
