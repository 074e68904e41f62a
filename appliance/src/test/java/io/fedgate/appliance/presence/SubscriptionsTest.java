package io.fedgate.appliance.presence;

import static io.fedgate.appliance.presence.SubscriptionAction.AUTO_SUBSCRIBED;
import static io.fedgate.appliance.presence.SubscriptionAction.DELIVER;
import static io.fedgate.appliance.presence.SubscriptionAction.PROBE;
import static io.fedgate.appliance.presence.SubscriptionAction.PUSH;
import static io.fedgate.appliance.presence.SubscriptionAction.ROUTE;
import static io.fedgate.appliance.presence.SubscriptionAction.SEND_PRESENCE;
import static io.fedgate.appliance.presence.SubscriptionAction.SEND_UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.presence.Subscriptions.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tables of RFC 6121 Appendix A, row by row ("-" is "no state change"). */
class SubscriptionsTest {

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource({
    // A.2.1 outbound subscribe (user's server)
    "OUTBOUND_SUBSCRIBE, NONE, NONE_PENDING_OUT",
    "OUTBOUND_SUBSCRIBE, NONE_PENDING_OUT, -",
    "OUTBOUND_SUBSCRIBE, NONE_PENDING_IN, NONE_PENDING_OUT_IN",
    "OUTBOUND_SUBSCRIBE, NONE_PENDING_OUT_IN, -",
    "OUTBOUND_SUBSCRIBE, TO, -",
    "OUTBOUND_SUBSCRIBE, TO_PENDING_IN, -",
    "OUTBOUND_SUBSCRIBE, FROM, FROM_PENDING_OUT",
    "OUTBOUND_SUBSCRIBE, FROM_PENDING_OUT, -",
    "OUTBOUND_SUBSCRIBE, BOTH, -",
    // A.2.2 outbound unsubscribe
    "OUTBOUND_UNSUBSCRIBE, NONE, -",
    "OUTBOUND_UNSUBSCRIBE, NONE_PENDING_OUT, NONE",
    "OUTBOUND_UNSUBSCRIBE, NONE_PENDING_IN, -",
    "OUTBOUND_UNSUBSCRIBE, NONE_PENDING_OUT_IN, NONE_PENDING_IN",
    "OUTBOUND_UNSUBSCRIBE, TO, NONE",
    "OUTBOUND_UNSUBSCRIBE, TO_PENDING_IN, NONE_PENDING_IN",
    "OUTBOUND_UNSUBSCRIBE, FROM, -",
    "OUTBOUND_UNSUBSCRIBE, FROM_PENDING_OUT, FROM",
    "OUTBOUND_UNSUBSCRIBE, BOTH, FROM",
    // A.2.3 outbound subscribed
    "OUTBOUND_SUBSCRIBED, NONE, -",
    "OUTBOUND_SUBSCRIBED, NONE_PENDING_OUT, -",
    "OUTBOUND_SUBSCRIBED, NONE_PENDING_IN, FROM",
    "OUTBOUND_SUBSCRIBED, NONE_PENDING_OUT_IN, FROM_PENDING_OUT",
    "OUTBOUND_SUBSCRIBED, TO, -",
    "OUTBOUND_SUBSCRIBED, TO_PENDING_IN, BOTH",
    "OUTBOUND_SUBSCRIBED, FROM, -",
    "OUTBOUND_SUBSCRIBED, FROM_PENDING_OUT, -",
    "OUTBOUND_SUBSCRIBED, BOTH, -",
    // A.2.4 outbound unsubscribed
    "OUTBOUND_UNSUBSCRIBED, NONE, -",
    "OUTBOUND_UNSUBSCRIBED, NONE_PENDING_OUT, -",
    "OUTBOUND_UNSUBSCRIBED, NONE_PENDING_IN, NONE",
    "OUTBOUND_UNSUBSCRIBED, NONE_PENDING_OUT_IN, NONE_PENDING_OUT",
    "OUTBOUND_UNSUBSCRIBED, TO, -",
    "OUTBOUND_UNSUBSCRIBED, TO_PENDING_IN, TO",
    "OUTBOUND_UNSUBSCRIBED, FROM, NONE",
    "OUTBOUND_UNSUBSCRIBED, FROM_PENDING_OUT, NONE_PENDING_OUT",
    "OUTBOUND_UNSUBSCRIBED, BOTH, TO",
    // A.3.1 inbound subscribe (contact's server)
    "INBOUND_SUBSCRIBE, NONE, NONE_PENDING_IN",
    "INBOUND_SUBSCRIBE, NONE_PENDING_OUT, NONE_PENDING_OUT_IN",
    "INBOUND_SUBSCRIBE, NONE_PENDING_IN, -",
    "INBOUND_SUBSCRIBE, NONE_PENDING_OUT_IN, -",
    "INBOUND_SUBSCRIBE, TO, TO_PENDING_IN",
    "INBOUND_SUBSCRIBE, TO_PENDING_IN, -",
    "INBOUND_SUBSCRIBE, FROM, -",
    "INBOUND_SUBSCRIBE, FROM_PENDING_OUT, -",
    "INBOUND_SUBSCRIBE, BOTH, -",
    // A.3.2 inbound unsubscribe
    "INBOUND_UNSUBSCRIBE, NONE, -",
    "INBOUND_UNSUBSCRIBE, NONE_PENDING_OUT, -",
    "INBOUND_UNSUBSCRIBE, NONE_PENDING_IN, NONE",
    "INBOUND_UNSUBSCRIBE, NONE_PENDING_OUT_IN, NONE_PENDING_OUT",
    "INBOUND_UNSUBSCRIBE, TO, -",
    "INBOUND_UNSUBSCRIBE, TO_PENDING_IN, TO",
    "INBOUND_UNSUBSCRIBE, FROM, NONE",
    "INBOUND_UNSUBSCRIBE, FROM_PENDING_OUT, NONE_PENDING_OUT",
    "INBOUND_UNSUBSCRIBE, BOTH, TO",
    // A.3.3 inbound subscribed
    "INBOUND_SUBSCRIBED, NONE, -",
    "INBOUND_SUBSCRIBED, NONE_PENDING_OUT, TO",
    "INBOUND_SUBSCRIBED, NONE_PENDING_IN, -",
    "INBOUND_SUBSCRIBED, NONE_PENDING_OUT_IN, TO_PENDING_IN",
    "INBOUND_SUBSCRIBED, TO, -",
    "INBOUND_SUBSCRIBED, TO_PENDING_IN, -",
    "INBOUND_SUBSCRIBED, FROM, -",
    "INBOUND_SUBSCRIBED, FROM_PENDING_OUT, BOTH",
    "INBOUND_SUBSCRIBED, BOTH, -",
    // A.3.4 inbound unsubscribed
    "INBOUND_UNSUBSCRIBED, NONE, -",
    "INBOUND_UNSUBSCRIBED, NONE_PENDING_OUT, NONE",
    "INBOUND_UNSUBSCRIBED, NONE_PENDING_IN, -",
    "INBOUND_UNSUBSCRIBED, NONE_PENDING_OUT_IN, NONE_PENDING_IN",
    "INBOUND_UNSUBSCRIBED, TO, NONE",
    "INBOUND_UNSUBSCRIBED, TO_PENDING_IN, NONE_PENDING_IN",
    "INBOUND_UNSUBSCRIBED, FROM, -",
    "INBOUND_UNSUBSCRIBED, FROM_PENDING_OUT, FROM",
    "INBOUND_UNSUBSCRIBED, BOTH, FROM",
  })
  void appendixA(SubscriptionEvent event, SubscriptionState state, String expected) {
    SubscriptionState next = expected.equals("-") ? state : SubscriptionState.valueOf(expected);
    Step step = Subscriptions.apply(state, false, event);

    assertThat(step.state()).isEqualTo(next);
    // a roster push exactly when the item changed (state, or a new pre-approval: §3.4)
    assertThat(step.has(PUSH)).isEqualTo(next != state || step.preApproved());
  }

  @Test
  void approvingAPendingRequestRoutesItAndSendsPresence() {
    Step step =
        Subscriptions.apply(
            SubscriptionState.NONE_PENDING_IN, false, SubscriptionEvent.OUTBOUND_SUBSCRIBED);

    assertThat(step.actions()).containsExactlyInAnyOrder(ROUTE, PUSH, SEND_PRESENCE);
  }

  @Test
  void subscribedWithoutARequestIsAPreApprovalAndIsNotRouted() {
    Step step =
        Subscriptions.apply(SubscriptionState.NONE, false, SubscriptionEvent.OUTBOUND_SUBSCRIBED);

    assertThat(step.state()).isEqualTo(SubscriptionState.NONE);
    assertThat(step.preApproved()).isTrue();
    assertThat(step.actions()).containsExactly(PUSH);
  }

  @Test
  void aPreApprovedContactIsApprovedAutomaticallyOnItsRequest() {
    Step step =
        Subscriptions.apply(SubscriptionState.TO, true, SubscriptionEvent.INBOUND_SUBSCRIBE);

    assertThat(step.state()).isEqualTo(SubscriptionState.BOTH);
    assertThat(step.preApproved()).isFalse();
    assertThat(step.actions()).containsExactlyInAnyOrder(AUTO_SUBSCRIBED, PUSH, SEND_PRESENCE);
  }

  @Test
  void unsubscribedCancelsAPreApproval() {
    Step step =
        Subscriptions.apply(SubscriptionState.NONE, true, SubscriptionEvent.OUTBOUND_UNSUBSCRIBED);

    assertThat(step.preApproved()).isFalse();
    assertThat(step.actions()).containsExactly(PUSH);
  }

  @Test
  void aRequestFromAContactAlreadyApprovedIsAnsweredNotDelivered() {
    Step step =
        Subscriptions.apply(SubscriptionState.BOTH, false, SubscriptionEvent.INBOUND_SUBSCRIBE);

    assertThat(step.actions()).containsExactly(AUTO_SUBSCRIBED);
  }

  @Test
  void aNewRequestIsDeliveredOnceAndARepeatIsNot() {
    Step first =
        Subscriptions.apply(SubscriptionState.NONE, false, SubscriptionEvent.INBOUND_SUBSCRIBE);
    Step again = Subscriptions.apply(first.state(), false, SubscriptionEvent.INBOUND_SUBSCRIBE);

    assertThat(first.actions()).containsExactlyInAnyOrder(DELIVER, PUSH);
    assertThat(again.actions()).isEmpty();
  }

  @Test
  void losingFromSendsUnavailableAndGainingToProbes() {
    assertThat(
            Subscriptions.apply(
                    SubscriptionState.BOTH, false, SubscriptionEvent.INBOUND_UNSUBSCRIBE)
                .actions())
        .containsExactlyInAnyOrder(DELIVER, PUSH, SEND_UNAVAILABLE);
    assertThat(
            Subscriptions.apply(
                    SubscriptionState.FROM, false, SubscriptionEvent.OUTBOUND_UNSUBSCRIBED)
                .actions())
        .containsExactlyInAnyOrder(ROUTE, PUSH, SEND_UNAVAILABLE);
    assertThat(
            Subscriptions.apply(
                    SubscriptionState.NONE_PENDING_OUT, false, SubscriptionEvent.INBOUND_SUBSCRIBED)
                .actions())
        .containsExactlyInAnyOrder(DELIVER, PUSH, PROBE);
  }

  @Test
  void everyStoredStateReadsBack() {
    for (SubscriptionState s : SubscriptionState.values()) {
      assertThat(SubscriptionState.of(s.subscription(), s.pendingOut(), s.pendingIn()))
          .isEqualTo(s);
    }
  }
}
