package io.fedgate.appliance.presence;

import static io.fedgate.appliance.presence.SubscriptionState.BOTH;
import static io.fedgate.appliance.presence.SubscriptionState.FROM;
import static io.fedgate.appliance.presence.SubscriptionState.FROM_PENDING_OUT;
import static io.fedgate.appliance.presence.SubscriptionState.NONE;
import static io.fedgate.appliance.presence.SubscriptionState.NONE_PENDING_IN;
import static io.fedgate.appliance.presence.SubscriptionState.NONE_PENDING_OUT;
import static io.fedgate.appliance.presence.SubscriptionState.NONE_PENDING_OUT_IN;
import static io.fedgate.appliance.presence.SubscriptionState.TO;
import static io.fedgate.appliance.presence.SubscriptionState.TO_PENDING_IN;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The subscription state machine of RFC 6121 Appendix A as a pure function: {@code (state,
 * pre-approval, event) -> (state, pre-approval, actions)}. The tables below are Appendix A.2.1 to
 * A.3.4 row by row, in the order of {@link SubscriptionState}; {@code null} is "no state change".
 */
public final class Subscriptions {

  /** The outcome of one event. */
  public record Step(
      SubscriptionState state, boolean preApproved, Set<SubscriptionAction> actions) {
    public Step {
      actions = Set.copyOf(actions);
    }

    public boolean has(SubscriptionAction action) {
      return actions.contains(action);
    }
  }

  private static final SubscriptionState N = null;
  private static final Map<SubscriptionEvent, SubscriptionState[]> TABLE = table();

  private static Map<SubscriptionEvent, SubscriptionState[]> table() {
    Map<SubscriptionEvent, SubscriptionState[]> table = new EnumMap<>(SubscriptionEvent.class);
    put(
        table,
        SubscriptionEvent.OUTBOUND_SUBSCRIBE,
        NONE_PENDING_OUT,
        N,
        NONE_PENDING_OUT_IN,
        N,
        N,
        N,
        FROM_PENDING_OUT,
        N,
        N); // A.2.1
    put(
        table,
        SubscriptionEvent.OUTBOUND_UNSUBSCRIBE,
        N,
        NONE,
        N,
        NONE_PENDING_IN,
        NONE,
        NONE_PENDING_IN,
        N,
        FROM,
        FROM); // A.2.2
    put(
        table,
        SubscriptionEvent.OUTBOUND_SUBSCRIBED,
        N,
        N,
        FROM,
        FROM_PENDING_OUT,
        N,
        BOTH,
        N,
        N,
        N); // A.2.3
    put(
        table,
        SubscriptionEvent.OUTBOUND_UNSUBSCRIBED,
        N,
        N,
        NONE,
        NONE_PENDING_OUT,
        N,
        TO,
        NONE,
        NONE_PENDING_OUT,
        TO); // A.2.4
    put(
        table,
        SubscriptionEvent.INBOUND_SUBSCRIBE,
        NONE_PENDING_IN,
        NONE_PENDING_OUT_IN,
        N,
        N,
        TO_PENDING_IN,
        N,
        N,
        N,
        N); // A.3.1
    put(
        table,
        SubscriptionEvent.INBOUND_UNSUBSCRIBE,
        N,
        N,
        NONE,
        NONE_PENDING_OUT,
        N,
        TO,
        NONE,
        NONE_PENDING_OUT,
        TO); // A.3.2
    put(
        table,
        SubscriptionEvent.INBOUND_SUBSCRIBED,
        N,
        TO,
        N,
        TO_PENDING_IN,
        N,
        N,
        N,
        BOTH,
        N); // A.3.3
    put(
        table,
        SubscriptionEvent.INBOUND_UNSUBSCRIBED,
        N,
        NONE,
        N,
        NONE_PENDING_IN,
        NONE,
        NONE_PENDING_IN,
        N,
        FROM,
        FROM); // A.3.4
    return java.util.Collections.unmodifiableMap(table);
  }

  private Subscriptions() {}

  private static void put(
      Map<SubscriptionEvent, SubscriptionState[]> table,
      SubscriptionEvent event,
      SubscriptionState... next) {
    table.put(event, next);
  }

  /** The state Appendix A gives for this event, or {@code state} itself for "no state change". */
  public static SubscriptionState next(SubscriptionState state, SubscriptionEvent event) {
    SubscriptionState next = TABLE.get(event)[state.ordinal()];
    return next == null ? state : next;
  }

  /** Applies the event, with pre-approval (§3.4) and the actions §3 asks for. */
  public static Step apply(SubscriptionState state, boolean preApproved, SubscriptionEvent event) {
    SubscriptionState next = next(state, event);
    boolean changed = next != state;
    EnumSet<SubscriptionAction> actions = EnumSet.noneOf(SubscriptionAction.class);
    if (changed) {
      actions.add(SubscriptionAction.PUSH);
    }
    switch (event) {
      case OUTBOUND_SUBSCRIBE, OUTBOUND_UNSUBSCRIBE -> actions.add(SubscriptionAction.ROUTE);
      case OUTBOUND_SUBSCRIBED -> {
        if (changed) {
          actions.addAll(EnumSet.of(SubscriptionAction.ROUTE, SubscriptionAction.SEND_PRESENCE));
        } else if (!state.hasFrom() && !preApproved) {
          return new Step(state, true, EnumSet.of(SubscriptionAction.PUSH)); // §3.4 pre-approval
        }
      }
      case OUTBOUND_UNSUBSCRIBED -> {
        if (changed) {
          actions.add(SubscriptionAction.ROUTE);
          if (state.hasFrom()) {
            actions.add(SubscriptionAction.SEND_UNAVAILABLE);
          }
        } else if (preApproved) {
          return new Step(state, false, EnumSet.of(SubscriptionAction.PUSH)); // §3.4.1 cancel
        }
      }
      case INBOUND_SUBSCRIBE -> {
        return inboundSubscribe(state, preApproved, next);
      }
      case INBOUND_UNSUBSCRIBE -> {
        if (changed) {
          actions.add(SubscriptionAction.DELIVER);
          if (state.hasFrom()) {
            actions.add(SubscriptionAction.SEND_UNAVAILABLE);
          }
        }
      }
      case INBOUND_SUBSCRIBED -> {
        if (changed) {
          actions.addAll(EnumSet.of(SubscriptionAction.DELIVER, SubscriptionAction.PROBE));
        }
      }
      case INBOUND_UNSUBSCRIBED -> {
        if (changed) {
          actions.add(SubscriptionAction.DELIVER);
        }
      }
    }
    return new Step(next, preApproved && !next.hasFrom(), actions);
  }

  /** §3.1.3: auto-reply when already approved or pre-approved, else deliver the request once. */
  private static Step inboundSubscribe(
      SubscriptionState state, boolean preApproved, SubscriptionState next) {
    if (state.hasFrom()) {
      return new Step(state, false, EnumSet.of(SubscriptionAction.AUTO_SUBSCRIBED));
    }
    if (preApproved && !state.pendingIn()) {
      SubscriptionState approved = next(next, SubscriptionEvent.OUTBOUND_SUBSCRIBED);
      return new Step(
          approved,
          false,
          EnumSet.of(
              SubscriptionAction.AUTO_SUBSCRIBED,
              SubscriptionAction.PUSH,
              SubscriptionAction.SEND_PRESENCE));
    }
    if (next != state) {
      return new Step(
          next, preApproved, EnumSet.of(SubscriptionAction.DELIVER, SubscriptionAction.PUSH));
    }
    return new Step(state, preApproved, EnumSet.noneOf(SubscriptionAction.class));
  }
}
