package io.fedgate.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Rows of {@code offline_message}: stanzas kept for a user until its next login. */
public final class JdbcOfflineMessages {

  /** A stored stanza (serialised XML) and when it was stored. */
  public record Stored(Instant storedAt, String stanza) {}

  private final Clock clock;

  public JdbcOfflineMessages(Clock clock) {
    this.clock = clock;
  }

  /**
   * Stores the stanza unless the user already has {@code limit} messages.
   *
   * @return false when the user's storage is full (nothing stored)
   */
  public boolean store(Connection c, long userId, String sender, String stanza, int limit)
      throws SQLException {
    try (PreparedStatement count =
        c.prepareStatement("SELECT COUNT(*) FROM offline_message WHERE user_id = ?")) {
      count.setLong(1, userId);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        if (rows.getLong(1) >= limit) {
          return false;
        }
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO offline_message (user_id, sender, stored_at, stanza)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, userId);
      insert.setString(2, sender);
      insert.setObject(3, SqlTime.of(clock.instant()));
      insert.setString(4, stanza);
      insert.executeUpdate();
    }
    return true;
  }

  /** Removes and returns the user's stored messages, oldest first. */
  public List<Stored> take(Connection c, long userId) throws SQLException {
    List<Stored> messages = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT stored_at, stanza FROM offline_message WHERE user_id = ?"
                + " ORDER BY stored_at, id")) {
      query.setLong(1, userId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          messages.add(new Stored(SqlTime.instant(rows, 1), rows.getString(2)));
        }
      }
    }
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM offline_message WHERE user_id = ?")) {
      delete.setLong(1, userId);
      delete.executeUpdate();
    }
    return messages;
  }
}
