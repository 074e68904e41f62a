package io.fedgate.sip.session;

import java.util.List;

/** One step of {@link SipSubscription}: the next state and the actions to perform, in order. */
public record SipSubscriptionTransition(
    SipSubscriptionState state, List<SipSubscriptionAction> actions) {
  public SipSubscriptionTransition {
    actions = List.copyOf(actions);
  }

  static SipSubscriptionTransition of(
      SipSubscriptionState state, SipSubscriptionAction... actions) {
    return new SipSubscriptionTransition(state, List.of(actions));
  }
}
