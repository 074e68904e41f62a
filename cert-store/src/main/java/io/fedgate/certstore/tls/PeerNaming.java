package io.fedgate.certstore.tls;

import io.fedgate.certstore.trust.ReferenceIdentity;

/** Which reference identities an outbound connection checks (RFC 6125 §6). */
public enum PeerNaming {
  /** SIP federation (Lync, SfB, Expressway): DNS-ID, CN-ID only without SAN names. */
  SIP,
  /** XMPP S2S: DNS-ID, SRV-ID {@code _xmpp-server}, XmppAddr (RFC 6120 §13.7.2.1). */
  XMPP_SERVER;

  public ReferenceIdentity forDomain(String domain) {
    return this == SIP ? ReferenceIdentity.sip(domain) : ReferenceIdentity.xmppServer(domain);
  }
}
