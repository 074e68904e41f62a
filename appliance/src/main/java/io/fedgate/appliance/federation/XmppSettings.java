package io.fedgate.appliance.federation;

import io.fedgate.appliance.store.JdbcXmppSettings.DnsOverride;
import io.fedgate.xmpp.s2s.SecurityMode;
import java.util.List;

/**
 * XMPP Federation Settings as an operator sees them (and as the audit log records them): the
 * dialback secret appears only as whether one is set, never in clear.
 *
 * @param dnsResolver IP[:port] of the DNS server for SRV lookups; empty for the system resolver
 */
public record XmppSettings(
    boolean enabled,
    SecurityMode securityMode,
    boolean requireClientCertificate,
    boolean saslExternalInbound,
    boolean saslExternalOutbound,
    boolean dialbackSecretSet,
    String dnsResolver,
    List<DnsOverride> dnsOverrides) {
  public XmppSettings {
    dnsOverrides = List.copyOf(dnsOverrides);
  }

  /**
   * The DNS resolver address of the {@code dnsResolver} text (IP, IP:port or [IPv6]:port; port 53
   * by default), unresolved; empty when the text is not such an address.
   */
  public static java.util.Optional<java.net.InetSocketAddress> resolverAddress(String text) {
    return XmppSettingsValidation.resolver(text);
  }

  /**
   * A change of the settings: null fields stay as they are.
   *
   * @param dialbackSecret the new secret; empty removes it
   */
  public record Edit(
      Boolean enabled,
      SecurityMode securityMode,
      Boolean requireClientCertificate,
      Boolean saslExternalInbound,
      Boolean saslExternalOutbound,
      String dialbackSecret,
      String dnsResolver) {}

  /**
   * What the XMPP Federation Connection Manager reads when it starts: the settings with the
   * dialback secret opened (empty when none is set). Never serialised, never logged.
   */
  public record Active(XmppSettings settings, String dialbackSecret) {
    @Override
    public String toString() {
      return "Active[" + settings + ", dialbackSecret=***]";
    }
  }
}
