package io.fedgate.appliance.security;

import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.store.AuditJson;
import io.fedgate.appliance.store.AuditLog;
import io.fedgate.appliance.store.Database;
import io.fedgate.core.config.ConfigProblem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Admin accounts (with their role) and API tokens in the config database. Only hashes are stored;
 * every change is audited (the audit shows that a secret changed, never the secret). The last
 * enabled administrator can be neither demoted, disabled nor removed.
 */
public final class AdminAccounts {
  public static final String DEFAULT_ADMIN = "admin";
  public static final int MIN_PASSWORD_LENGTH = 12;
  public static final int MAX_PASSWORD_LENGTH = 256;

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern TOKEN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** An account as the admin pages and the API show it (never a hash). */
  public record Account(
      String username,
      AdminRole role,
      boolean enabled,
      Instant createdAt,
      Instant updatedAt,
      List<String> tokens) {}

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
    return database.inTransaction(c -> row(c, username).isPresent());
  }

  /**
   * Creates an administrator with its first password and a named API token, in one transaction (the
   * node's generated {@code admin} account).
   */
  public void create(
      String actor, String username, char[] password, String tokenName, String token) {
    String hash = hasher.hash(password);
    database.inTransaction(
        c -> {
          insert(c, actor, username, hash, AdminRole.ADMINISTRATOR);
          putToken(c, actor, username, tokenName, token);
          return null;
        });
  }

  /** Adds an account; every problem with the request comes back at once. */
  public ConfigResult<Account> add(String actor, String username, char[] password, AdminRole role) {
    List<ConfigProblem> problems = new ArrayList<>(problems(username, password));
    if (role == null) {
      problems.add(new ConfigProblem("role", "must be read-only, operator or administrator"));
    }
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    String hash = hasher.hash(password);
    Account account =
        database.inTransaction(
            c -> {
              insert(c, actor, username, hash, role);
              return account(c, username).orElseThrow();
            });
    return done(account);
  }

  /** What is wrong with a new account's name and password (every problem at once). */
  public List<ConfigProblem> problems(String username, char[] password) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (username == null || !USERNAME.matcher(username).matches()) {
      problems.add(
          new ConfigProblem(
              "username",
              "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    } else if (exists(username)) {
      problems.add(new ConfigProblem("username", "an account named '" + username + "' exists"));
    }
    checkPassword(password, problems);
    return problems;
  }

  /**
   * Changes the role, the enabled flag and/or the password (null = unchanged) of an account. An
   * account cannot demote or disable the last enabled administrator.
   */
  public ConfigResult<Account> update(
      String actor, String username, AdminRole role, Boolean enabled, char[] password) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (password != null) {
      checkPassword(password, problems);
    }
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    String hash = password == null ? null : hasher.hash(password);
    return database.inTransaction(
        c -> {
          Optional<Account> before = account(c, username);
          if (before.isEmpty()) {
            return ConfigResult.<Account>refused("username", "no account named '" + username + "'");
          }
          Account old = before.get();
          AdminRole newRole = role == null ? old.role() : role;
          boolean newEnabled = enabled == null ? old.enabled() : enabled;
          boolean staysAdmin = newRole == AdminRole.ADMINISTRATOR && newEnabled;
          if (old.role() == AdminRole.ADMINISTRATOR
              && old.enabled()
              && !staysAdmin
              && enabledAdministrators(c) <= 1) {
            return ConfigResult.<Account>refused(
                role != null && role != AdminRole.ADMINISTRATOR ? "role" : "enabled",
                "'" + username + "' is the last enabled administrator");
          }
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE admin_account SET role = ?, enabled = ?, updated_at = ?,"
                      + " password_hash = COALESCE(?, password_hash) WHERE username = ?")) {
            update.setString(1, newRole.name());
            update.setBoolean(2, newEnabled);
            update.setTimestamp(3, Timestamp.from(clock.instant()));
            update.setString(4, hash);
            update.setString(5, username);
            update.executeUpdate();
          }
          Account after = account(c, username).orElseThrow();
          Map<String, Object> afterJson = json(after);
          if (hash != null) {
            afterJson.put("password", "*** (changed)");
          }
          audit.record(
              c,
              actor,
              "admin-account",
              username,
              AuditEntry.ChangeKind.UPDATE,
              AuditJson.of(json(old)),
              AuditJson.of(afterJson));
          return done(after);
        });
  }

  public ConfigResult<Account> remove(String actor, String username) {
    return database.inTransaction(
        c -> {
          Optional<Account> before = account(c, username);
          if (before.isEmpty()) {
            return ConfigResult.<Account>refused("username", "no account named '" + username + "'");
          }
          if (before.get().role() == AdminRole.ADMINISTRATOR
              && before.get().enabled()
              && enabledAdministrators(c) <= 1) {
            return ConfigResult.<Account>refused(
                "username", "'" + username + "' is the last enabled administrator");
          }
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM admin_token WHERE username = ?")) {
            delete.setString(1, username);
            delete.executeUpdate();
          }
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM admin_account WHERE username = ?")) {
            delete.setString(1, username);
            delete.executeUpdate();
          }
          audit.record(
              c,
              actor,
              "admin-account",
              username,
              AuditEntry.ChangeKind.DELETE,
              AuditJson.of(json(before.get())),
              null);
          return done(before.get());
        });
  }

  public List<Account> list() {
    return database.inTransaction(
        c -> {
          List<String> names = new ArrayList<>();
          try (PreparedStatement query =
                  c.prepareStatement("SELECT username FROM admin_account ORDER BY username");
              ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              names.add(rows.getString(1));
            }
          }
          List<Account> accounts = new ArrayList<>();
          for (String name : names) {
            account(c, name).ifPresent(accounts::add);
          }
          return accounts;
        });
  }

  public Optional<Account> find(String username) {
    return database.inTransaction(c -> account(c, username));
  }

  /** Replaces (or creates) a named token of an existing account. */
  public void replaceToken(String actor, String username, String tokenName, String token) {
    database.inTransaction(
        c -> {
          deleteToken(c, tokenName);
          putToken(c, actor, username, tokenName, token);
          return null;
        });
  }

  /** Adds a named bearer token for automation; the caller shows the token once. */
  public ConfigResult<String> addToken(
      String actor, String username, String tokenName, String token) {
    if (tokenName == null || !TOKEN_NAME.matcher(tokenName).matches()) {
      return ConfigResult.refused(
          "name", "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return database.inTransaction(
        c -> {
          if (row(c, username).isEmpty()) {
            return ConfigResult.<String>refused("username", "no account named '" + username + "'");
          }
          if (tokenExists(c, tokenName)) {
            return ConfigResult.<String>refused("name", "a token named '" + tokenName + "' exists");
          }
          putToken(c, actor, username, tokenName, token);
          return done(tokenName);
        });
  }

  public ConfigResult<String> removeToken(String actor, String username, String tokenName) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM admin_token WHERE token_name = ? AND username = ?")) {
            delete.setString(1, tokenName);
            delete.setString(2, username);
            if (delete.executeUpdate() == 0) {
              return ConfigResult.<String>refused(
                  "name", "'" + username + "' has no token named '" + tokenName + "'");
            }
          }
          audit.record(
              c,
              actor,
              "admin-token",
              tokenName,
              AuditEntry.ChangeKind.DELETE,
              AuditJson.of(Map.of("user", username, "token", "***")),
              null);
          return done(tokenName);
        });
  }

  /**
   * The principal a password authenticates, if it does and the account is enabled. A hash of an
   * older scheme is replaced by a current one on success.
   */
  public Optional<AdminPrincipal> authenticatePassword(String username, char[] password) {
    if (username == null || password.length > MAX_PASSWORD_LENGTH) {
      return Optional.empty();
    }
    Optional<Row> row = database.inTransaction(c -> row(c, username));
    if (row.isEmpty() || !hasher.matches(password, row.get().hash())) {
      return Optional.empty();
    }
    if (hasher.needsRehash(row.get().hash())) {
      String upgraded = hasher.hash(password);
      database.inTransaction(
          c -> {
            try (PreparedStatement update =
                c.prepareStatement(
                    "UPDATE admin_account SET password_hash = ? WHERE username = ?"
                        + " AND password_hash = ?")) {
              update.setString(1, upgraded);
              update.setString(2, username);
              update.setString(3, row.get().hash());
              update.executeUpdate();
            }
            return null;
          });
    }
    return row.get().enabled()
        ? Optional.of(new AdminPrincipal(username, row.get().role()))
        : Optional.empty();
  }

  /** The principal a token belongs to, if the token is valid and its account enabled. */
  public Optional<AdminPrincipal> authenticateToken(String token) {
    // Tokens are 256-bit random values: looking up their hash leaks nothing useful by timing.
    String hash = Tokens.hashToken(token);
    return database.inTransaction(
        c -> {
          try (PreparedStatement query =
              c.prepareStatement(
                  "SELECT a.username, a.role, a.enabled FROM admin_token t"
                      + " JOIN admin_account a ON a.username = t.username WHERE t.token_hash = ?")) {
            query.setString(1, hash);
            try (ResultSet rows = query.executeQuery()) {
              if (rows.next() && rows.getBoolean(3)) {
                return Optional.of(
                    new AdminPrincipal(rows.getString(1), AdminRole.valueOf(rows.getString(2))));
              }
              return Optional.empty();
            }
          }
        });
  }

  /** The current role of an enabled account (sessions re-check it on every request). */
  public Optional<AdminPrincipal> current(String username) {
    return database
        .inTransaction(c -> row(c, username))
        .filter(Row::enabled)
        .map(r -> new AdminPrincipal(username, r.role()));
  }

  private void insert(Connection c, String actor, String username, String hash, AdminRole role)
      throws SQLException {
    Timestamp now = Timestamp.from(clock.instant());
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO admin_account (username, password_hash, role, enabled, created_at,"
                + " updated_at) VALUES (?, ?, ?, TRUE, ?, ?)")) {
      insert.setString(1, username);
      insert.setString(2, hash);
      insert.setString(3, role.name());
      insert.setTimestamp(4, now);
      insert.setTimestamp(5, now);
      insert.executeUpdate();
    }
    audit.record(
        c,
        actor,
        "admin-account",
        username,
        AuditEntry.ChangeKind.CREATE,
        null,
        AuditJson.of(
            Map.of(
                "username", username, "role", role.label(), "enabled", true, "password", "***")));
  }

  private static void checkPassword(char[] password, List<ConfigProblem> problems) {
    if (password == null || password.length < MIN_PASSWORD_LENGTH) {
      problems.add(
          new ConfigProblem(
              "password", "must have at least " + MIN_PASSWORD_LENGTH + " characters"));
    } else if (password.length > MAX_PASSWORD_LENGTH) {
      problems.add(
          new ConfigProblem(
              "password", "must have at most " + MAX_PASSWORD_LENGTH + " characters"));
    }
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

  private static void deleteToken(Connection c, String tokenName) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM admin_token WHERE token_name = ?")) {
      delete.setString(1, tokenName);
      delete.executeUpdate();
    }
  }

  private static boolean tokenExists(Connection c, String tokenName) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT 1 FROM admin_token WHERE token_name = ?")) {
      query.setString(1, tokenName);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static int enabledAdministrators(Connection c) throws SQLException {
    try (PreparedStatement query =
            c.prepareStatement(
                "SELECT COUNT(*) FROM admin_account WHERE role = 'ADMINISTRATOR' AND enabled");
        ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private record Row(String hash, AdminRole role, boolean enabled) {}

  private static Optional<Row> row(Connection c, String username) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT password_hash, role, enabled FROM admin_account WHERE username = ?")) {
      query.setString(1, username);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next()
            ? Optional.of(
                new Row(
                    rows.getString(1), AdminRole.valueOf(rows.getString(2)), rows.getBoolean(3)))
            : Optional.empty();
      }
    }
  }

  private static Optional<Account> account(Connection c, String username) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT role, enabled, created_at, updated_at FROM admin_account WHERE username = ?")) {
      query.setString(1, username);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        AdminRole role = AdminRole.valueOf(rows.getString(1));
        boolean enabled = rows.getBoolean(2);
        Instant created = rows.getTimestamp(3).toInstant();
        Instant updated = rows.getTimestamp(4).toInstant();
        List<String> tokens = new ArrayList<>();
        try (PreparedStatement tokenQuery =
            c.prepareStatement(
                "SELECT token_name FROM admin_token WHERE username = ? ORDER BY token_name")) {
          tokenQuery.setString(1, username);
          try (ResultSet tokenRows = tokenQuery.executeQuery()) {
            while (tokenRows.next()) {
              tokens.add(tokenRows.getString(1));
            }
          }
        }
        return Optional.of(new Account(username, role, enabled, created, updated, tokens));
      }
    }
  }

  private static Map<String, Object> json(Account account) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("username", account.username());
    json.put("role", account.role().label());
    json.put("enabled", account.enabled());
    return json;
  }

  private static <T> ConfigResult<T> done(T value) {
    return new ConfigResult.Done<>(value, Set.of(), Set.of());
  }
}
