package io.fedgate.sip.message;

import java.util.Optional;

/** The outcome of {@link SipMessages#parse}: a message, or why it was rejected. */
public sealed interface SipParse permits SipParse.Parsed, SipParse.Rejected {

  /** The message, if parsed. */
  default Optional<SipMessage> message() {
    return this instanceof Parsed p ? Optional.of(p.sipMessage()) : Optional.empty();
  }

  /** A syntactically acceptable message. */
  record Parsed(SipMessage sipMessage) implements SipParse {}

  /**
   * Not a message this gateway accepts. {@code status} is the response a server sends when the
   * bytes were a request whose transaction can be identified (400, or 505 for a wrong version);
   * {@code reason} is a short fixed text for logs and the Reason-Phrase, never the input itself.
   */
  record Rejected(int status, String reason) implements SipParse {}
}
