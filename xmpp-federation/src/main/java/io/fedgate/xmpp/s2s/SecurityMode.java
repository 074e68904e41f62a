package io.fedgate.xmpp.s2s;

/** The IM&P "Security mode" of XMPP federation: whether S2S streams use TLS (RFC 6120 §5). */
public enum SecurityMode {
  /** STARTTLS is neither offered nor used; dialback over TCP only. */
  NO_TLS,
  /** STARTTLS is offered and used when the peer offers it; plain streams are accepted. */
  TLS_OPTIONAL,
  /** Every stream must be encrypted before anything else (RFC 6120 §5.3.1 "required"). */
  TLS_REQUIRED;

  /** The same rule in the per-partner vocabulary. */
  public Negotiation asNegotiation() {
    return switch (this) {
      case NO_TLS -> Negotiation.NOT_SUPPORTED;
      case TLS_OPTIONAL -> Negotiation.OPTIONAL;
      case TLS_REQUIRED -> Negotiation.REQUIRED;
    };
  }
}
