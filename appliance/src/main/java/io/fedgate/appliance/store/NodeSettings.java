package io.fedgate.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Rows of {@code node_setting}: the stored values of runtime parameters. */
public final class NodeSettings {
  private final Clock clock;

  public NodeSettings(Clock clock) {
    this.clock = clock;
  }

  public Map<String, String> all(Connection connection) throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT setting_name, setting_value FROM node_setting ORDER BY setting_name");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        values.put(rows.getString(1), rows.getString(2));
      }
    }
    return values;
  }

  public Optional<String> find(Connection connection, String name) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT setting_value FROM node_setting WHERE setting_name = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  /** Inserts or updates; returns the previous value. */
  public Optional<String> put(Connection connection, String name, String value)
      throws SQLException {
    Optional<String> previous = find(connection, name);
    String sql =
        previous.isPresent()
            ? "UPDATE node_setting SET setting_value = ?, updated_at = ? WHERE setting_name = ?"
            : "INSERT INTO node_setting (setting_value, updated_at, setting_name) VALUES (?, ?, ?)";
    try (PreparedStatement write = connection.prepareStatement(sql)) {
      write.setString(1, value);
      write.setTimestamp(2, Timestamp.from(clock.instant()));
      write.setString(3, name);
      write.executeUpdate();
    }
    return previous;
  }
}
