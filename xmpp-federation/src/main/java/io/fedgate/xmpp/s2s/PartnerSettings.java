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
 * @param connectionLimit {@code -ConnectionLimit}: inbound S2S streams the partner may hold open at
 *     once (all its domains together, counted when a stream authenticates one of them); one more is
 *     refused like an admission refusal ({@code policy-violation}, reason code {@code
 *     PARTNER_CONNECTION_LIMIT}); 0 means no limit
 * @param keepAlive {@code -EnableKeepAlive}: whether idle outbound streams to the partner get
 *     whitespace keep-alives (RFC 6120 §4.6.1) until the idle timeout; without, they send nothing
 *     between stanzas
 */
public record PartnerSettings(
    String primaryDomain,
    List<String> additionalDomains,
    PartnerType type,
    Negotiation tls,
    Negotiation sasl,
    boolean dialback,
    int connectionLimit,
    boolean keepAlive) {

  /** A partner without a connection limit, with keep-alives (the defaults). */
  public PartnerSettings(
      String primaryDomain,
      List<String> additionalDomains,
      PartnerType type,
      Negotiation tls,
      Negotiation sasl,
      boolean dialback) {
    this(primaryDomain, additionalDomains, type, tls, sasl, dialback, 0, true);
  }

  public PartnerSettings {
    Objects.requireNonNull(primaryDomain, "primaryDomain");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(sasl, "sasl");
    if (connectionLimit < 0) {
      throw new IllegalArgumentException("connectionLimit must be 0 (no limit) or positive");
    }
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
