package io.fedgate.sip.translate;

import io.fedgate.sip.message.HeaderValues;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The {@code Subscription-State} header (RFC 6665 §8.2.3): state, reason, expires. */
public record SubscriptionState(State state, Optional<String> reason, OptionalLong expires) {

  /** RFC 6665 §4.1.3 / RFC 8048 §5. */
  public enum State {
    PENDING,
    ACTIVE,
    TERMINATED
  }

  public static SubscriptionState active(long expires) {
    return new SubscriptionState(State.ACTIVE, Optional.empty(), OptionalLong.of(expires));
  }

  public static SubscriptionState pending(long expires) {
    return new SubscriptionState(State.PENDING, Optional.empty(), OptionalLong.of(expires));
  }

  public static SubscriptionState terminated(String reason) {
    return new SubscriptionState(State.TERMINATED, Optional.of(reason), OptionalLong.empty());
  }

  /** Parses leniently; an unknown state is treated as terminated (RFC 6665 §4.1.3). */
  public static SubscriptionState parse(String value) {
    int semi = value.indexOf(';');
    String state = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    Map<String, String> params = HeaderValues.parameters(semi < 0 ? "" : value.substring(semi + 1));
    State s =
        switch (state) {
          case "active" -> State.ACTIVE;
          case "pending" -> State.PENDING;
          default -> State.TERMINATED;
        };
    OptionalLong expires = OptionalLong.empty();
    String e = params.get("expires");
    if (e != null && e.matches("\\d{1,10}")) {
      expires = OptionalLong.of(Long.parseLong(e));
    }
    return new SubscriptionState(s, Optional.ofNullable(params.get("reason")), expires);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(state.name().toLowerCase(Locale.ROOT));
    reason.ifPresent(r -> sb.append(";reason=").append(r));
    if (expires.isPresent()) {
      sb.append(";expires=").append(expires.getAsLong());
    }
    return sb.toString();
  }
}
