package io.fedgate.appliance.store;

import io.fedgate.acl.incoming.AclEntry;
import io.fedgate.acl.incoming.AclEntryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Rows of {@code incoming_acl} as {@link AclEntry} values. */
public final class JdbcIncomingAcl {
  private final Clock clock;

  public JdbcIncomingAcl(Clock clock) {
    this.clock = clock;
  }

  public List<AclEntry> list(Connection c) throws SQLException {
    try (PreparedStatement query =
            c.prepareStatement(
                "SELECT entry_type, address_pattern, description, read_only FROM incoming_acl"
                    + " ORDER BY id");
        ResultSet rows = query.executeQuery()) {
      List<AclEntry> entries = new ArrayList<>();
      while (rows.next()) {
        entries.add(
            new AclEntry(
                AclEntryType.valueOf(rows.getString(1)),
                rows.getString(2),
                rows.getString(3),
                rows.getBoolean(4)));
      }
      return entries;
    }
  }

  /**
   * @param sipDomainId the SIP federated domain that owns a read-only entry, or null
   */
  public void insert(Connection c, AclEntry entry, Long sipDomainId) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO incoming_acl (entry_type, address_pattern, description, read_only,"
                + " sip_domain_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, entry.type().name());
      insert.setString(2, entry.pattern());
      insert.setString(3, entry.description());
      insert.setBoolean(4, entry.readOnly());
      if (sipDomainId == null) {
        insert.setNull(5, java.sql.Types.BIGINT);
      } else {
        insert.setLong(5, sipDomainId);
      }
      insert.setTimestamp(6, Timestamp.from(clock.instant()));
      insert.executeUpdate();
    }
  }

  public void delete(Connection c, AclEntryType type, String pattern) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement(
            "DELETE FROM incoming_acl WHERE entry_type = ? AND address_pattern = ?")) {
      delete.setString(1, type.name());
      delete.setString(2, pattern);
      delete.executeUpdate();
    }
  }
}
