package io.fedgate.xmpp.s2s;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A Lync-style XMPP partner ({@code New-CsXmppAllowedPartner}, PROTOCOL.md §8): its domains, type
 * and negotiation settings, which replace the global {@link S2sSettings} security mode, SASL
 * switches and dialback switch for streams with these domains. Check with {@link
 * PartnerMatrix#validate} before saving; the constructor only normalises.
 *
 * @param primaryDomain the partner's XMPP domain
 * @param additionalDomains further domains of the same partner ({@code -AdditionalDomains})
 * @param type the partner type (subscription rules, applied by the appliance)
 * @param tls {@code -TlsNegotiation}
 * @param sasl {@code -SaslNegotiation} (SASL EXTERNAL, XEP-0178; only possible over TLS)
 * @param dialback {@code -SupportDialbackNegotiation} (XEP-0220; also needs the global dialback
 *     switch and secret)
 */
public record PartnerSettings(
    String primaryDomain,
    List<String> additionalDomains,
    PartnerType type,
    Negotiation tls,
    Negotiation sasl,
    boolean dialback) {

  public PartnerSettings {
    Objects.requireNonNull(primaryDomain, "primaryDomain");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(sasl, "sasl");
    primaryDomain = primaryDomain.trim().toLowerCase(Locale.ROOT);
    additionalDomains =
        additionalDomains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
  }

  /** The primary domain first, then the additional ones. */
  public List<String> domains() {
    List<String> all = new ArrayList<>();
    all.add(primaryDomain);
    all.addAll(additionalDomains);
    return List.copyOf(all);
  }
}
