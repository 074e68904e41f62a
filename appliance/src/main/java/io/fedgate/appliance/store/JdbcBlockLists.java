package io.fedgate.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of {@code blocked_jid}: each user's XEP-0191 block list (JIDs as strings). */
public final class JdbcBlockLists {

  /** Every user's block list, by user id. */
  public Map<Long, List<String>> all(Connection c) throws SQLException {
    Map<Long, List<String>> lists = new LinkedHashMap<>();
    try (PreparedStatement query =
            c.prepareStatement(
                "SELECT user_id, blocked FROM blocked_jid ORDER BY user_id, blocked");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        lists.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getString(2));
      }
    }
    return lists;
  }

  /** Adds the JID to the user's list (no-op when already there). */
  public void add(Connection c, long userId, String jid) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO blocked_jid (user_id, blocked) SELECT ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM blocked_jid WHERE user_id = ? AND blocked = ?)")) {
      insert.setLong(1, userId);
      insert.setString(2, jid);
      insert.setLong(3, userId);
      insert.setString(4, jid);
      insert.executeUpdate();
    }
  }

  public void remove(Connection c, long userId, String jid) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM blocked_jid WHERE user_id = ? AND blocked = ?")) {
      delete.setLong(1, userId);
      delete.setString(2, jid);
      delete.executeUpdate();
    }
  }

  public void clear(Connection c, long userId) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM blocked_jid WHERE user_id = ?")) {
      delete.setLong(1, userId);
      delete.executeUpdate();
    }
  }
}
