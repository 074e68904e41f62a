package io.fedgate.xmpp.stream;

import java.time.Duration;

/**
 * Limits applied to every inbound stream; frozen once a listener runs.
 *
 * @param maxStanzaBytes the largest first-level element, in bytes (RFC 6120 §13.12 says at least
 *     10000); above it the stream ends with {@code policy-violation}
 * @param maxAttributeChars the longest attribute value, in characters
 * @param maxDepth the deepest element nesting inside a stanza
 * @param idleTimeout no byte (not even a whitespace keep-alive) for this long ends the stream with
 *     {@code connection-timeout}; an established client is sent a XEP-0199 ping halfway
 */
public record StreamLimits(
    int maxStanzaBytes, int maxAttributeChars, int maxDepth, Duration idleTimeout) {

  public static final StreamLimits DEFAULTS =
      new StreamLimits(64 * 1024, 8 * 1024, 32, Duration.ofMinutes(5));

  public StreamLimits {
    if (maxStanzaBytes < 10_000) {
      throw new IllegalArgumentException(
          "maxStanzaBytes must be at least 10000 (RFC 6120 §13.12), was " + maxStanzaBytes);
    }
    if (maxAttributeChars < 1 || maxDepth < 2) {
      throw new IllegalArgumentException("maxAttributeChars >= 1 and maxDepth >= 2 required");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
    }
  }
}
