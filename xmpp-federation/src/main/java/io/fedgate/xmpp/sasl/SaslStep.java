package io.fedgate.xmpp.sasl;

/** The server's answer to one SASL message (RFC 6120 §6.4). */
public sealed interface SaslStep {

  /**
   * Send {@code <challenge/>} with this data; the next {@code <response/>} goes to {@code next}.
   */
  record Challenge(byte[] data, ScramExchange next) implements SaslStep {}

  /** Send {@code <success/>} with this additional data (may be empty). */
  record Success(String username, byte[] additionalData) implements SaslStep {}

  /** Send {@code <failure/>} with this condition (RFC 6120 §6.5). */
  record Failure(SaslFailure condition, String text) implements SaslStep {}
}
