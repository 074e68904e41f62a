package io.fedgate.certstore.trust;

import io.fedgate.certstore.pki.PresentedIdentifiers;
import java.util.Optional;

/**
 * RFC 6125 §6 service identity verification: compares the presented identifiers of a certificate
 * with a reference identity and answers which presented identifier matched.
 */
public final class IdentityMatcher {
  private IdentityMatcher() {}

  /**
   * @return the matching presented identifier, e.g. {@code "DNS-ID *.partner.example"}, or empty
   */
  public static Optional<String> match(
      PresentedIdentifiers presented, ReferenceIdentity reference) {
    String domain = reference.domain();
    // RFC 6125 §6.4: DNS-ID, wildcard only as the complete left-most label (§6.4.3)
    for (String dns : presented.dnsNames()) {
      if (DnsNames.matches(dns, domain)) {
        return Optional.of("DNS-ID " + dns);
      }
    }
    // RFC 6125 §6.5.1 / RFC 4985: SRV-ID "_service.domain", no wildcards
    if (reference.srvService().isPresent()) {
      String expected = reference.srvService().get() + "." + domain;
      for (String srv : presented.srvNames()) {
        if (DnsNames.same(srv, expected)) {
          return Optional.of("SRV-ID " + srv);
        }
      }
    }
    // RFC 6120 §13.7.1.4: XmppAddr naming the domain, exact
    if (reference.acceptsXmppAddr()) {
      for (String addr : presented.xmppAddrs()) {
        if (DnsNames.same(addr, domain)) {
          return Optional.of("XmppAddr " + addr);
        }
      }
    }
    // RFC 6125 §6.4.4: CN-ID only when there is no DNS-ID, SRV-ID or XmppAddr at all
    if (!presented.hasNameSans()) {
      for (String cn : presented.commonNames()) {
        if (DnsNames.matches(cn, domain)) {
          return Optional.of("CN-ID " + cn);
        }
      }
    }
    return Optional.empty();
  }
}
