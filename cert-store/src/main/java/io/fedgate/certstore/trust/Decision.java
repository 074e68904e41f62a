package io.fedgate.certstore.trust;

import java.util.Objects;

/** The answer of {@link PeerTrust}: trusted, or refused with a reason code and a detail. */
public sealed interface Decision permits Decision.Trusted, Decision.Refused {

  /** The peer certificate's subject, as the decision names it. */
  String peer();

  default boolean trusted() {
    return this instanceof Trusted;
  }

  /**
   * @param peer subject of the peer certificate
   * @param detail how it was trusted: anchor, matched name, peer subject
   */
  record Trusted(String peer, String detail) implements Decision {}

  /**
   * @param reason the stable code
   * @param peer subject of the peer certificate (empty when none was presented)
   * @param detail a sentence naming the certificate and what was expected
   */
  record Refused(RefusalReason reason, String peer, String detail) implements Decision {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return reason + ": " + detail;
    }
  }
}
