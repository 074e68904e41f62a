package io.fedgate.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of {@code roster_item} and {@code roster_version} (RFC 6121 rosters). Roster changes are a
 * user's own data, not audited configuration.
 */
public final class JdbcRosters {

  /** A stored roster item; {@code groups} are the group names, one per line. */
  public record Row(
      String contactJid,
      String displayName,
      String subscription,
      boolean pendingOut,
      boolean pendingIn,
      boolean preApproved,
      List<String> groups) {
    public Row {
      groups = List.copyOf(groups);
    }
  }

  /** A user's stored roster and its version. */
  public record Stored(long version, List<Row> rows) {
    public Stored {
      rows = List.copyOf(rows);
    }
  }

  public Stored load(Connection c, long userId) throws SQLException {
    long version = 0;
    try (PreparedStatement query =
        c.prepareStatement("SELECT current_version FROM roster_version WHERE user_id = ?")) {
      query.setLong(1, userId);
      try (ResultSet rows = query.executeQuery()) {
        if (rows.next()) {
          version = rows.getLong(1);
        }
      }
    }
    List<Row> items = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT contact_jid, display_name, subscription, pending_out, pending_in,"
                + " pre_approved, group_names FROM roster_item WHERE user_id = ? ORDER BY id")) {
      query.setLong(1, userId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String groups = rows.getString(7);
          items.add(
              new Row(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getBoolean(4),
                  rows.getBoolean(5),
                  rows.getBoolean(6),
                  groups.isEmpty() ? List.of() : List.of(groups.split("\n"))));
        }
      }
    }
    return new Stored(version, items);
  }

  /** Inserts or replaces the item and records the roster's new version. */
  public void put(Connection c, long userId, Row row, long version) throws SQLException {
    delete(c, userId, row.contactJid(), version);
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO roster_item (user_id, contact_jid, display_name, subscription,"
                + " pending_out, pending_in, pre_approved, group_names, item_version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, userId);
      insert.setString(2, row.contactJid());
      insert.setString(3, row.displayName());
      insert.setString(4, row.subscription());
      insert.setBoolean(5, row.pendingOut());
      insert.setBoolean(6, row.pendingIn());
      insert.setBoolean(7, row.preApproved());
      insert.setString(8, String.join("\n", row.groups()));
      insert.setLong(9, version);
      insert.executeUpdate();
    }
  }

  /** Removes the item (if stored) and records the roster's new version. */
  public void delete(Connection c, long userId, String contactJid, long version)
      throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM roster_item WHERE user_id = ? AND contact_jid = ?")) {
      delete.setLong(1, userId);
      delete.setString(2, contactJid);
      delete.executeUpdate();
    }
    setVersion(c, userId, version);
  }

  private static void setVersion(Connection c, long userId, long version) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE roster_version SET current_version = ? WHERE user_id = ?")) {
      update.setLong(1, version);
      update.setLong(2, userId);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO roster_version (user_id, current_version) VALUES (?, ?)")) {
      insert.setLong(1, userId);
      insert.setLong(2, version);
      insert.executeUpdate();
    }
  }
}
