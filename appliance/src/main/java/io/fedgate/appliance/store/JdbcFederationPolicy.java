package io.fedgate.appliance.store;

import io.fedgate.acl.policy.ExceptionDirection;
import io.fedgate.acl.policy.FederationPolicy;
import io.fedgate.acl.policy.PolicyAction;
import io.fedgate.acl.policy.PolicyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** {@code federation_policy} and its exceptions, one policy per protocol (XMPP, SIP). */
public final class JdbcFederationPolicy {
  private final Clock clock;

  public JdbcFederationPolicy(Clock clock) {
    this.clock = clock;
  }

  public FederationPolicy load(Connection c, String protocol) throws SQLException {
    PolicyAction action;
    try (PreparedStatement query =
        c.prepareStatement("SELECT default_action FROM federation_policy WHERE protocol = ?")) {
      query.setString(1, protocol);
      try (ResultSet rows = query.executeQuery()) {
        action = rows.next() ? PolicyAction.valueOf(rows.getString(1)) : PolicyAction.ALLOW;
      }
    }
    List<PolicyException> exceptions = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT domain_pattern, direction FROM federation_policy_exception"
                + " WHERE protocol = ? ORDER BY id")) {
      query.setString(1, protocol);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          exceptions.add(
              new PolicyException(
                  rows.getString(1), ExceptionDirection.valueOf(rows.getString(2))));
        }
      }
    }
    return new FederationPolicy(action, exceptions);
  }

  /** Replaces the stored policy of {@code protocol} with {@code policy}. */
  public void save(Connection c, String protocol, FederationPolicy policy) throws SQLException {
    Timestamp now = Timestamp.from(clock.instant());
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE federation_policy SET default_action = ?, updated_at = ? WHERE protocol = ?")) {
      update.setString(1, policy.defaultAction().name());
      update.setTimestamp(2, now);
      update.setString(3, protocol);
      update.executeUpdate();
    }
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM federation_policy_exception WHERE protocol = ?")) {
      delete.setString(1, protocol);
      delete.executeUpdate();
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO federation_policy_exception (protocol, domain_pattern, direction,"
                + " created_at) VALUES (?, ?, ?, ?)")) {
      for (PolicyException exception : policy.exceptions()) {
        insert.setString(1, protocol);
        insert.setString(2, exception.domain());
        insert.setString(3, exception.direction().name());
        insert.setTimestamp(4, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
