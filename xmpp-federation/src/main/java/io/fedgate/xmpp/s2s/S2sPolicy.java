package io.fedgate.xmpp.s2s;

import java.util.Optional;

/**
 * What applies to streams with one peer domain: the partner's negotiation settings when the domain
 * is a partner's, else the global settings (PROTOCOL.md §8: a partner entry replaces the global
 * security mode, SASL switch and dialback switch; dialback also needs the global switch, which
 * carries the secret). {@code dialback} is false when TLS and SASL are both required (Lync row 1).
 */
public record S2sPolicy(
    Negotiation tls, Negotiation sasl, boolean dialback, boolean requireClientCertificate) {

  public static S2sPolicy inbound(S2sSettings settings, Optional<PartnerSettings> partner) {
    return of(settings, partner, settings.saslExternalInbound());
  }

  public static S2sPolicy outbound(S2sSettings settings, Optional<PartnerSettings> partner) {
    return of(settings, partner, settings.saslExternalOutbound());
  }

  private static S2sPolicy of(
      S2sSettings settings, Optional<PartnerSettings> partner, boolean saslSwitch) {
    Negotiation tls =
        partner.map(PartnerSettings::tls).orElse(settings.securityMode().asNegotiation());
    Negotiation sasl =
        partner
            .map(PartnerSettings::sasl)
            .orElse(saslSwitch ? Negotiation.OPTIONAL : Negotiation.NOT_SUPPORTED);
    // Lync row 1: "dialback never runs when TLS and SASL are both required"; otherwise a required
    // SASL still lets dialback run when SASL cannot (rows 3 and 5: "TCP dialback")
    boolean dialback =
        settings.dialbackEnabled()
            && partner.map(PartnerSettings::dialback).orElse(true)
            && !(tls == Negotiation.REQUIRED && sasl == Negotiation.REQUIRED);
    return new S2sPolicy(tls, sasl, dialback, settings.requireClientCertificate());
  }
}
