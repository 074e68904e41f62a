package io.fedgate.xmpp.s2s;

/**
 * A per-partner negotiation setting as on the Lync Edge ({@code -TlsNegotiation}, {@code
 * -SaslNegotiation} of {@code New-CsXmppAllowedPartner}, PROTOCOL.md §8).
 */
public enum Negotiation {
  REQUIRED,
  OPTIONAL,
  NOT_SUPPORTED;

  public boolean allowed() {
    return this != NOT_SUPPORTED;
  }
}
