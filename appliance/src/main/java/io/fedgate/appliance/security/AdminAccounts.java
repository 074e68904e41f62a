package io.fedgate.appliance.security;

import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.store.AuditJson;
import io.fedgate.appliance.store.AuditLog;
import io.fedgate.appliance.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Administrator accounts and API tokens in the config database. Only hashes are stored; creating
 * and changing them is audited (the audit shows that a secret changed, never the secret).
 */
public final class AdminAccounts {
  public static final String DEFAULT_ADMIN = "admin";

  private final Database database;
  private final AuditLog audit;
  private final PasswordHasher hasher;
  private final Clock clock;

  public AdminAccounts(Database database, AuditLog audit, PasswordHasher hasher, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.hasher = hasher;
    this.clock = clock;
  }

  public boolean exists(String username) {
    return database.inTransaction(c -> passwordHash(c, username).isPresent());
  }

  /** Creates the account with its first password and a named API token, in one transaction. */
  public void create(
      String actor, String username, char[] password, String tokenName, String token) {
    String hash = hasher.hash(password);
    database.inTransaction(
        c -> {
          Timestamp now = Timestamp.from(clock.instant());
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO admin_account (username, password_hash, created_at, updated_at)"
                      + " VALUES (?, ?, ?, ?)")) {
            insert.setString(1, username);
            insert.setString(2, hash);
            insert.setTimestamp(3, now);
            insert.setTimestamp(4, now);
            insert.executeUpdate();
          }
          audit.record(
              c,
              actor,
              "admin-account",
              username,
              AuditEntry.ChangeKind.CREATE,
              null,
              AuditJson.of(Map.of("username", username, "password", "***")));
          putToken(c, actor, username, tokenName, token);
          return null;
        });
  }

  /** Replaces (or creates) a named token of an existing account. */
  public void replaceToken(String actor, String username, String tokenName, String token) {
    database.inTransaction(
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM admin_token WHERE token_name = ?")) {
            delete.setString(1, tokenName);
            delete.executeUpdate();
          }
          putToken(c, actor, username, tokenName, token);
          return null;
        });
  }

  private void putToken(Connection c, String actor, String user, String name, String token)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO admin_token (token_name, token_hash, username, created_at)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, name);
      insert.setString(2, Tokens.hashToken(token));
      insert.setString(3, user);
      insert.setTimestamp(4, Timestamp.from(clock.instant()));
      insert.executeUpdate();
    }
    audit.record(
        c,
        actor,
        "admin-token",
        name,
        AuditEntry.ChangeKind.CREATE,
        null,
        AuditJson.of(Map.of("user", user, "token", "***")));
  }

  /** The user a password authenticates, if it does. */
  public Optional<String> authenticatePassword(String username, char[] password) {
    Optional<String> hash = database.inTransaction(c -> passwordHash(c, username));
    return hash.filter(h -> hasher.matches(password, h)).map(h -> username);
  }

  /** The user a token belongs to, if it is valid. */
  public Optional<String> authenticateToken(String token) {
    // Tokens are 256-bit random values: looking up their hash leaks nothing useful by timing.
    String hash = Tokens.hashToken(token);
    return database.inTransaction(
        c -> {
          try (PreparedStatement query =
              c.prepareStatement("SELECT username FROM admin_token WHERE token_hash = ?")) {
            query.setString(1, hash);
            try (ResultSet rows = query.executeQuery()) {
              return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
          }
        });
  }

  private static Optional<String> passwordHash(Connection c, String username) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT password_hash FROM admin_account WHERE username = ?")) {
      query.setString(1, username);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }
}
