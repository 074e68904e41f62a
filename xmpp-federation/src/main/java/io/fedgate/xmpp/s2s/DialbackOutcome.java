package io.fedgate.xmpp.s2s;

import java.util.Optional;

/**
 * The answer of an authoritative server (XEP-0220 §2.2): valid, invalid, or an error with a
 * dialback error condition (PROTOCOL.md §7.2 table).
 */
public record DialbackOutcome(Type type, Optional<String> condition) {

  public enum Type {
    VALID,
    INVALID,
    ERROR
  }

  public static DialbackOutcome valid() {
    return new DialbackOutcome(Type.VALID, Optional.empty());
  }

  public static DialbackOutcome invalid() {
    return new DialbackOutcome(Type.INVALID, Optional.empty());
  }

  public static DialbackOutcome error(String condition) {
    return new DialbackOutcome(Type.ERROR, Optional.of(condition));
  }
}
