package io.fedgate.appliance.store;

import io.fedgate.xmpp.s2s.SecurityMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one row of {@code xmpp_federation_settings} (the dialback secret only in sealed form) and the
 * rows of {@code xmpp_dns_override}.
 */
public final class JdbcXmppSettings {

  /**
   * The stored settings.
   *
   * @param sealedDialbackSecret the secret sealed with the node master key, or null when unset
   * @param dnsResolver IP[:port] of the DNS server for SRV lookups; empty for the system resolver
   */
  public record Stored(
      boolean enabled,
      SecurityMode securityMode,
      boolean requireClientCertificate,
      boolean saslExternalInbound,
      boolean saslExternalOutbound,
      byte[] sealedDialbackSecret,
      String dnsResolver) {}

  /** A DNS override (Openfire's "DNS overrides"): connect to host:port for the domain. */
  public record DnsOverride(String domain, String host, int port, String description) {}

  private final Clock clock;

  public JdbcXmppSettings(Clock clock) {
    this.clock = clock;
  }

  public Stored load(Connection c) throws SQLException {
    try (PreparedStatement query =
            c.prepareStatement(
                "SELECT enabled, security_mode, require_client_cert, sasl_external_inbound,"
                    + " sasl_external_outbound, sealed_dialback_secret, dns_resolver"
                    + " FROM xmpp_federation_settings WHERE id = 1");
        ResultSet rows = query.executeQuery()) {
      if (!rows.next()) {
        throw new SQLException("xmpp_federation_settings has no row 1");
      }
      return new Stored(
          rows.getBoolean(1),
          SecurityMode.valueOf(rows.getString(2)),
          rows.getBoolean(3),
          rows.getBoolean(4),
          rows.getBoolean(5),
          rows.getBytes(6),
          rows.getString(7));
    }
  }

  public void save(Connection c, Stored settings) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE xmpp_federation_settings SET enabled = ?, security_mode = ?,"
                + " require_client_cert = ?, sasl_external_inbound = ?, sasl_external_outbound = ?,"
                + " sealed_dialback_secret = ?, dns_resolver = ?, updated_at = ? WHERE id = 1")) {
      update.setBoolean(1, settings.enabled());
      update.setString(2, settings.securityMode().name());
      update.setBoolean(3, settings.requireClientCertificate());
      update.setBoolean(4, settings.saslExternalInbound());
      update.setBoolean(5, settings.saslExternalOutbound());
      if (settings.sealedDialbackSecret() == null) {
        update.setNull(6, java.sql.Types.BINARY);
      } else {
        update.setBytes(6, settings.sealedDialbackSecret());
      }
      update.setString(7, settings.dnsResolver());
      update.setTimestamp(8, Timestamp.from(clock.instant()));
      update.executeUpdate();
    }
  }

  public List<DnsOverride> overrides(Connection c) throws SQLException {
    try (PreparedStatement query =
            c.prepareStatement(
                "SELECT domain_name, host, port, description FROM xmpp_dns_override"
                    + " ORDER BY domain_name");
        ResultSet rows = query.executeQuery()) {
      List<DnsOverride> overrides = new ArrayList<>();
      while (rows.next()) {
        overrides.add(
            new DnsOverride(
                rows.getString(1), rows.getString(2), rows.getInt(3), rows.getString(4)));
      }
      return overrides;
    }
  }

  public Optional<DnsOverride> override(Connection c, String domain) throws SQLException {
    return overrides(c).stream().filter(o -> o.domain().equals(domain)).findFirst();
  }

  public void insertOverride(Connection c, DnsOverride override) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO xmpp_dns_override (domain_name, host, port, description, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, override.domain());
      insert.setString(2, override.host());
      insert.setInt(3, override.port());
      insert.setString(4, override.description());
      insert.setTimestamp(5, Timestamp.from(clock.instant()));
      insert.executeUpdate();
    }
  }

  public void deleteOverride(Connection c, String domain) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM xmpp_dns_override WHERE domain_name = ?")) {
      delete.setString(1, domain);
      delete.executeUpdate();
    }
  }
}
