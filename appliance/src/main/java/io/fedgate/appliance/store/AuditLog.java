package io.fedgate.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log of runtime config changes. {@link #record} takes the caller's connection so the
 * audit row commits or rolls back together with the change it describes.
 */
public final class AuditLog {
  private final Clock clock;

  public AuditLog(Clock clock) {
    this.clock = clock;
  }

  public void record(
      Connection connection,
      String actor,
      String objectType,
      String objectId,
      AuditEntry.ChangeKind kind,
      String before,
      String after)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_log (occurred_at, actor, object_type, object_id, change_kind,"
                + " before_value, after_value) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setTimestamp(1, Timestamp.from(clock.instant()));
      insert.setString(2, actor);
      insert.setString(3, objectType);
      insert.setString(4, objectId);
      insert.setString(5, kind.name());
      insert.setString(6, before);
      insert.setString(7, after);
      insert.executeUpdate();
    }
  }

  /** The newest entries first. */
  public List<AuditEntry> recent(Connection connection, int limit) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT id, occurred_at, actor, object_type, object_id, change_kind, before_value,"
                + " after_value FROM audit_log ORDER BY id DESC")) {
      query.setMaxRows(limit);
      List<AuditEntry> entries = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new AuditEntry(
                  rows.getLong(1),
                  rows.getTimestamp(2).toInstant(),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  AuditEntry.ChangeKind.valueOf(rows.getString(6)),
                  rows.getString(7),
                  rows.getString(8)));
        }
      }
      return entries;
    }
  }
}
