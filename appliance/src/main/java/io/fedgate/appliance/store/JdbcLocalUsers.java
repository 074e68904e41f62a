package io.fedgate.appliance.store;

import io.fedgate.xmpp.sasl.ScramAlgorithm;
import io.fedgate.xmpp.sasl.ScramCredentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rows of {@code local_user}: the user and its SCRAM keys (one salt for both variants). */
public final class JdbcLocalUsers {

  /** A user with its keys, for the credential snapshot. */
  public record UserWithKeys(LocalUser user, ScramKeys keys) {}

  private static final String COLUMNS =
      "id, username, domain_name, enabled, scram_iterations, scram_salt, scram_sha1_stored_key,"
          + " scram_sha1_server_key, scram_sha256_stored_key, scram_sha256_server_key";

  private final Clock clock;

  public JdbcLocalUsers(Clock clock) {
    this.clock = clock;
  }

  public List<UserWithKeys> all(Connection c) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM local_user ORDER BY domain_name, username");
  }

  public Optional<UserWithKeys> find(Connection c, String username, String domain)
      throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM local_user WHERE username = ? AND domain_name = ?")) {
      query.setString(1, username);
      query.setString(2, domain);
      return read(query).stream().findFirst();
    }
  }

  public LocalUser insert(Connection c, String username, String domain, ScramKeys keys)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO local_user (username, domain_name, enabled, scram_iterations, scram_salt,"
                + " scram_sha1_stored_key, scram_sha1_server_key, scram_sha256_stored_key,"
                + " scram_sha256_server_key, created_at, updated_at)"
                + " VALUES (?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, username);
      insert.setString(2, domain);
      setKeys(insert, 3, keys);
      insert.setObject(9, SqlTime.of(clock.instant()));
      insert.setObject(10, SqlTime.of(clock.instant()));
      insert.executeUpdate();
      try (ResultSet generated = insert.getGeneratedKeys()) {
        generated.next();
        return new LocalUser(generated.getLong(1), username, domain, true);
      }
    }
  }

  public void updateKeys(Connection c, long id, ScramKeys keys) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE local_user SET scram_iterations = ?, scram_salt = ?, scram_sha1_stored_key = ?,"
                + " scram_sha1_server_key = ?, scram_sha256_stored_key = ?,"
                + " scram_sha256_server_key = ?, updated_at = ? WHERE id = ?")) {
      setKeys(update, 1, keys);
      update.setObject(7, SqlTime.of(clock.instant()));
      update.setLong(8, id);
      update.executeUpdate();
    }
  }

  public void setEnabled(Connection c, long id, boolean enabled) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE local_user SET enabled = ?, updated_at = ? WHERE id = ?")) {
      update.setBoolean(1, enabled);
      update.setObject(2, SqlTime.of(clock.instant()));
      update.setLong(3, id);
      update.executeUpdate();
    }
  }

  /** Deletes the user; its offline messages, roster and blocklist go with it (cascade). */
  public void delete(Connection c, long id) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM local_user WHERE id = ?")) {
      delete.setLong(1, id);
      delete.executeUpdate();
    }
  }

  private static void setKeys(PreparedStatement statement, int first, ScramKeys keys)
      throws SQLException {
    ScramCredentials sha1 = keys.of(ScramAlgorithm.SHA_1);
    ScramCredentials sha256 = keys.of(ScramAlgorithm.SHA_256);
    statement.setInt(first, sha256.iterations());
    statement.setBytes(first + 1, sha256.salt());
    statement.setBytes(first + 2, sha1.storedKey());
    statement.setBytes(first + 3, sha1.serverKey());
    statement.setBytes(first + 4, sha256.storedKey());
    statement.setBytes(first + 5, sha256.serverKey());
  }

  private static List<UserWithKeys> query(Connection c, String sql) throws SQLException {
    try (PreparedStatement query = c.prepareStatement(sql)) {
      return read(query);
    }
  }

  private static List<UserWithKeys> read(PreparedStatement query) throws SQLException {
    List<UserWithKeys> users = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        LocalUser user =
            new LocalUser(
                rows.getLong(1), rows.getString(2), rows.getString(3), rows.getBoolean(4));
        int iterations = rows.getInt(5);
        byte[] salt = rows.getBytes(6);
        Map<ScramAlgorithm, ScramCredentials> keys = new EnumMap<>(ScramAlgorithm.class);
        keys.put(
            ScramAlgorithm.SHA_1,
            new ScramCredentials(
                ScramAlgorithm.SHA_1, salt, iterations, rows.getBytes(7), rows.getBytes(8)));
        keys.put(
            ScramAlgorithm.SHA_256,
            new ScramCredentials(
                ScramAlgorithm.SHA_256, salt, iterations, rows.getBytes(9), rows.getBytes(10)));
        users.add(new UserWithKeys(user, new ScramKeys(keys)));
      }
    }
    return users;
  }
}
