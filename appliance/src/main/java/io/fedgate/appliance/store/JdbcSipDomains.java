package io.fedgate.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code sip_federated_domain}, and the XMPP partner domains they must not overlap. */
public final class JdbcSipDomains {

  /** A SIP federated domain (Presence > Inter-Domain Federation > SIP Federation). */
  public record SipDomain(
      long id,
      String domainName,
      String description,
      IntegrationType integrationType,
      boolean directFederation,
      String defaultRoutingDomain) {}

  /** IM&P's integration types. */
  public enum IntegrationType {
    LYNC,
    OFFICE365,
    OCS_TCP,
    AOL
  }

  private final Clock clock;

  public JdbcSipDomains(Clock clock) {
    this.clock = clock;
  }

  public List<SipDomain> list(Connection c) throws SQLException {
    try (PreparedStatement query =
            c.prepareStatement(
                "SELECT id, domain_name, description, integration_type, direct_federation,"
                    + " default_routing_domain FROM sip_federated_domain ORDER BY domain_name");
        ResultSet rows = query.executeQuery()) {
      List<SipDomain> domains = new ArrayList<>();
      while (rows.next()) {
        domains.add(
            new SipDomain(
                rows.getLong(1),
                rows.getString(2),
                rows.getString(3),
                IntegrationType.valueOf(rows.getString(4)),
                rows.getBoolean(5),
                rows.getString(6)));
      }
      return domains;
    }
  }

  public Optional<SipDomain> find(Connection c, String domainName) throws SQLException {
    return list(c).stream().filter(d -> d.domainName().equals(domainName)).findFirst();
  }

  public SipDomain insert(Connection c, SipDomain domain) throws SQLException {
    Timestamp now = Timestamp.from(clock.instant());
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO sip_federated_domain (domain_name, description, integration_type,"
                + " direct_federation, default_routing_domain, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, domain.domainName());
      insert.setString(2, domain.description());
      insert.setString(3, domain.integrationType().name());
      insert.setBoolean(4, domain.directFederation());
      insert.setString(5, domain.defaultRoutingDomain());
      insert.setTimestamp(6, now);
      insert.setTimestamp(7, now);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return new SipDomain(
            keys.getLong(1),
            domain.domainName(),
            domain.description(),
            domain.integrationType(),
            domain.directFederation(),
            domain.defaultRoutingDomain());
      }
    }
  }

  /** Replaces the settings of a domain; its name (and so its ACL entry) stays. */
  public void update(Connection c, long id, SipDomain domain) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE sip_federated_domain SET description = ?, integration_type = ?,"
                + " direct_federation = ?, default_routing_domain = ?, updated_at = ?"
                + " WHERE id = ?")) {
      update.setString(1, domain.description());
      update.setString(2, domain.integrationType().name());
      update.setBoolean(3, domain.directFederation());
      update.setString(4, domain.defaultRoutingDomain());
      update.setTimestamp(5, Timestamp.from(clock.instant()));
      update.setLong(6, id);
      update.executeUpdate();
    }
  }

  /** Deletes the domain; its read-only incoming ACL entry goes with it (foreign key cascade). */
  public void delete(Connection c, long id) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM sip_federated_domain WHERE id = ?")) {
      delete.setLong(1, id);
      delete.executeUpdate();
    }
  }

  /** Primary and additional domains of the XMPP partners. */
  public List<String> xmppPartnerDomains(Connection c) throws SQLException {
    List<String> domains = new ArrayList<>();
    try (PreparedStatement query =
            c.prepareStatement("SELECT primary_domain, additional_domains FROM xmpp_partner");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        domains.add(rows.getString(1));
        for (String extra : rows.getString(2).split(",")) {
          if (!extra.isBlank()) {
            domains.add(extra.trim());
          }
        }
      }
    }
    return domains;
  }
}
