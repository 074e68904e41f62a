package io.fedgate.certstore.trust;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client expects to find in a peer's certificate (RFC 6125 §6.2 "reference identifiers"):
 * the source domain, and which identifier types the application accepts for it.
 *
 * @param domain the expected domain, e.g. {@code lync.partner.example}
 * @param srvService the SRV service label that makes an SRV-ID acceptable (RFC 6125 §6.5.1), e.g.
 *     {@code _xmpp-server}; empty when SRV-IDs are not used
 * @param acceptsXmppAddr whether an id-on-xmppAddr entry naming the domain is acceptable (RFC 6120
 *     §13.7.1.4)
 */
public record ReferenceIdentity(
    String domain, Optional<String> srvService, boolean acceptsXmppAddr) {
  public ReferenceIdentity {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(srvService, "srvService");
    domain = DnsNames.normalise(domain);
    if (domain.isEmpty()) {
      throw new IllegalArgumentException("the expected domain must not be empty");
    }
  }

  /** A SIP peer (Lync, SfB, Expressway): DNS-ID, and CN-ID only when no SAN names exist. */
  public static ReferenceIdentity sip(String domain) {
    return new ReferenceIdentity(domain, Optional.empty(), false);
  }

  /**
   * An XMPP server (RFC 6120 §13.7.2.1, RFC 7590 §3.1): DNS-ID, SRV-ID {@code
   * _xmpp-server.<domain>} and XmppAddr.
   */
  public static ReferenceIdentity xmppServer(String domain) {
    return new ReferenceIdentity(domain, Optional.of("_xmpp-server"), true);
  }

  /** How this identity is written in a refusal: {@code 'partner.example' (DNS-ID, SRV-ID ...)}. */
  public String describe() {
    StringBuilder types = new StringBuilder("DNS-ID");
    srvService.ifPresent(s -> types.append(", SRV-ID ").append(s.toLowerCase(Locale.ROOT)));
    if (acceptsXmppAddr) {
      types.append(", XmppAddr");
    }
    return "'" + domain + "' (" + types + ")";
  }
}
