package io.fedgate.appliance.store;

import io.fedgate.xmpp.s2s.Negotiation;
import io.fedgate.xmpp.s2s.PartnerType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Rows of {@code xmpp_partner}: Lync-style XMPP partners (Set-CsXmppAllowedPartner). */
public final class JdbcXmppPartners {

  /**
   * An XMPP partner.
   *
   * @param proxyFqdn the partner's server, when it is not found by DNS; empty for none
   */
  public record XmppPartner(
      long id,
      String primaryDomain,
      List<String> additionalDomains,
      String description,
      PartnerType partnerType,
      Negotiation tlsNegotiation,
      Negotiation saslNegotiation,
      boolean dialback,
      String proxyFqdn,
      int connectionLimit,
      boolean keepAlive) {
    public XmppPartner {
      additionalDomains = List.copyOf(additionalDomains);
    }

    /** The primary domain first, then the additional ones. */
    public List<String> domains() {
      List<String> all = new ArrayList<>();
      all.add(primaryDomain);
      all.addAll(additionalDomains);
      return all;
    }

    public XmppPartner withId(long newId) {
      return new XmppPartner(
          newId,
          primaryDomain,
          additionalDomains,
          description,
          partnerType,
          tlsNegotiation,
          saslNegotiation,
          dialback,
          proxyFqdn,
          connectionLimit,
          keepAlive);
    }
  }

  private static final String COLUMNS =
      "primary_domain, additional_domains, description, partner_type, tls_negotiation,"
          + " sasl_negotiation, dialback, proxy_fqdn, connection_limit, keep_alive";

  private final Clock clock;

  public JdbcXmppPartners(Clock clock) {
    this.clock = clock;
  }

  public List<XmppPartner> list(Connection c) throws SQLException {
    try (PreparedStatement query =
            c.prepareStatement(
                "SELECT id, " + COLUMNS + " FROM xmpp_partner ORDER BY primary_domain");
        ResultSet rows = query.executeQuery()) {
      List<XmppPartner> partners = new ArrayList<>();
      while (rows.next()) {
        String proxy = rows.getString(9);
        partners.add(
            new XmppPartner(
                rows.getLong(1),
                rows.getString(2),
                Arrays.stream(rows.getString(3).split(",")).filter(s -> !s.isBlank()).toList(),
                rows.getString(4),
                PartnerType.valueOf(rows.getString(5)),
                Negotiation.valueOf(rows.getString(6)),
                Negotiation.valueOf(rows.getString(7)),
                rows.getBoolean(8),
                proxy == null ? "" : proxy,
                rows.getInt(10),
                rows.getBoolean(11)));
      }
      return partners;
    }
  }

  public Optional<XmppPartner> find(Connection c, String primaryDomain) throws SQLException {
    return list(c).stream().filter(p -> p.primaryDomain().equals(primaryDomain)).findFirst();
  }

  public XmppPartner insert(Connection c, XmppPartner partner) throws SQLException {
    Timestamp now = Timestamp.from(clock.instant());
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO xmpp_partner ("
                + COLUMNS
                + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      bind(insert, partner);
      insert.setTimestamp(11, now);
      insert.setTimestamp(12, now);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return partner.withId(keys.getLong(1));
      }
    }
  }

  public void update(Connection c, long id, XmppPartner partner) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE xmpp_partner SET primary_domain = ?, additional_domains = ?, description = ?,"
                + " partner_type = ?, tls_negotiation = ?, sasl_negotiation = ?, dialback = ?,"
                + " proxy_fqdn = ?, connection_limit = ?, keep_alive = ?, updated_at = ?"
                + " WHERE id = ?")) {
      bind(update, partner);
      update.setTimestamp(11, Timestamp.from(clock.instant()));
      update.setLong(12, id);
      update.executeUpdate();
    }
  }

  public void delete(Connection c, long id) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM xmpp_partner WHERE id = ?")) {
      delete.setLong(1, id);
      delete.executeUpdate();
    }
  }

  private static void bind(PreparedStatement statement, XmppPartner partner) throws SQLException {
    statement.setString(1, partner.primaryDomain());
    statement.setString(2, String.join(",", partner.additionalDomains()));
    statement.setString(3, partner.description());
    statement.setString(4, partner.partnerType().name());
    statement.setString(5, partner.tlsNegotiation().name());
    statement.setString(6, partner.saslNegotiation().name());
    statement.setBoolean(7, partner.dialback());
    if (partner.proxyFqdn().isEmpty()) {
      statement.setNull(8, java.sql.Types.VARCHAR);
    } else {
      statement.setString(8, partner.proxyFqdn());
    }
    statement.setInt(9, partner.connectionLimit());
    statement.setBoolean(10, partner.keepAlive());
  }
}
