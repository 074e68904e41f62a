package io.fedgate.appliance.presence;

/**
 * A subscription stanza as seen by the server whose user's roster it changes: outbound ones come
 * from the user (RFC 6121 Appendix A.2, the user's server), inbound ones are addressed to the user
 * (Appendix A.3, the contact's server).
 */
public enum SubscriptionEvent {
  OUTBOUND_SUBSCRIBE,
  OUTBOUND_UNSUBSCRIBE,
  OUTBOUND_SUBSCRIBED,
  OUTBOUND_UNSUBSCRIBED,
  INBOUND_SUBSCRIBE,
  INBOUND_UNSUBSCRIBE,
  INBOUND_SUBSCRIBED,
  INBOUND_UNSUBSCRIBED;

  /** The event for a presence {@code type} ({@code subscribe}, ...), or null for other types. */
  public static SubscriptionEvent of(String type, boolean outbound) {
    String prefix = outbound ? "OUTBOUND_" : "INBOUND_";
    return switch (type) {
      case "subscribe", "unsubscribe", "subscribed", "unsubscribed" ->
          valueOf(prefix + type.toUpperCase(java.util.Locale.ROOT));
      default -> null;
    };
  }
}
