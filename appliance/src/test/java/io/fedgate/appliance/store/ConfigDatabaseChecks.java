package io.fedgate.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.appliance.security.AdminAccounts;
import io.fedgate.appliance.security.AdminPrincipal;
import io.fedgate.appliance.security.AdminRole;
import io.fedgate.appliance.security.PasswordHasher;
import io.fedgate.certstore.NodeNames;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.KeyProtector;
import io.fedgate.certstore.store.CertificateStores;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the config database must do on every supported engine; run against H2 and PostgreSQL by the
 * subclasses, with the same Flyway migrations.
 */
abstract class ConfigDatabaseChecks {
  static final Set<String> RUNTIME_TABLES =
      Set.of(
          "node_setting",
          "audit_log",
          "admin_account",
          "admin_token",
          "certificate_entry",
          "sip_federated_domain",
          "static_route",
          "tls_peer_subject",
          "tls_context",
          "tls_context_peer_subject",
          "incoming_acl",
          "xmpp_federation_settings",
          "federation_policy",
          "federation_policy_exception",
          "xmpp_partner",
          "xmpp_dns_override",
          "local_user",
          "roster_item",
          "roster_version",
          "blocked_jid",
          "offline_message");

  private final Clock clock = Clock.systemUTC();
  Database database;

  abstract String url();

  abstract String user();

  @BeforeEach
  void open() {
    database = Database.open(url(), user(), "");
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void theSchemaHoldsEveryRuntimeObject() {
    Set<String> tables =
        database.inTransaction(
            c -> {
              Set<String> names = new HashSet<>();
              try (ResultSet rows =
                  c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                  names.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
              }
              return names;
            });

    assertThat(tables).containsAll(RUNTIME_TABLES);
  }

  @Test
  void aFreshDatabaseHasTheBlockedOpenFederationRouteAndTheDefaultTlsContext() {
    List<String> seeds =
        database.inTransaction(
            c -> {
              try (ResultSet route =
                  c.createStatement()
                      .executeQuery(
                          "SELECT destination_pattern, blocked, built_in FROM static_route"); ) {
                route.next();
                String first =
                    route.getString(1)
                        + " blocked="
                        + route.getBoolean(2)
                        + " builtIn="
                        + route.getBoolean(3);
                try (ResultSet context =
                    c.createStatement().executeQuery("SELECT context_name FROM tls_context")) {
                  context.next();
                  return List.of(first, context.getString(1));
                }
              }
            });

    assertThat(seeds)
        .containsExactly(
            ".* blocked=true builtIn=true", "Default_Cisco_SIP_Proxy_Peer_Auth_TLS_Context");
  }

  @Test
  void aChangeAndItsAuditEntryCommitOrRollBackTogether() {
    NodeSettings settings = new NodeSettings(clock);
    AuditLog audit = new AuditLog(clock);

    assertThatThrownBy(
            () ->
                database.inTransaction(
                    c -> {
                      settings.put(c, "x.rolled-back", "1");
                      audit.record(
                          c,
                          "test",
                          "parameter",
                          "x.rolled-back",
                          AuditEntry.ChangeKind.UPDATE,
                          "\"0\"",
                          "\"1\"");
                      throw new SQLException("simulated failure after the writes");
                    }))
        .isInstanceOf(StoreException.class);
    database.inTransaction(
        c -> {
          settings.put(c, "x.kept", "2");
          audit.record(
              c, "alice", "parameter", "x.kept", AuditEntry.ChangeKind.UPDATE, "\"1\"", "\"2\"");
          return null;
        });

    java.util.Map<String, String> stored = database.inTransaction(settings::all);
    assertThat(stored).containsOnlyKeys("x.kept");
    List<AuditEntry> entries = database.inTransaction(c -> audit.recent(c, 10));
    assertThat(entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("alice");
              assertThat(e.objectId()).isEqualTo("x.kept");
              assertThat(e.before()).isEqualTo("\"1\"");
              assertThat(e.after()).isEqualTo("\"2\"");
              assertThat(e.occurredAt()).isNotNull();
            });
  }

  @Test
  void constraintsRefuseOutOfRangeRowsOnEveryEngine() {
    assertThatThrownBy(
            () ->
                database.inTransaction(
                    c ->
                        c.createStatement()
                            .executeUpdate(
                                "INSERT INTO static_route (destination_pattern, priority, created_at, updated_at)"
                                    + " VALUES ('.com.example.*', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void sealedIdentitiesAndAdminAccountsRoundTrip() {
    SecureRandom random = new SecureRandom();
    KeyProtector protector = new KeyProtector(new byte[32], random);
    CertificateStores stores =
        new CertificateStores(
            new JdbcCertificateRepository(database, new AuditLog(clock), "system"),
            protector,
            clock,
            random);
    stores
        .regenerate(
            StoreName.CUP,
            "cup",
            new NodeNames("imp1.example.com", List.of("example.com")),
            Duration.ofDays(730))
        .value();
    Identity created = stores.identity(StoreName.CUP, "cup").value();
    Identity loaded =
        new CertificateStores(
                new JdbcCertificateRepository(database, new AuditLog(clock), "system"),
                new KeyProtector(new byte[32], random),
                clock,
                random)
            .identity(StoreName.CUP, "cup")
            .value();

    assertThat(loaded.leaf()).isEqualTo(created.leaf());
    assertThat(loaded.privateKey().getEncoded()).isEqualTo(created.privateKey().getEncoded());

    AdminAccounts accounts =
        new AdminAccounts(database, new AuditLog(clock), new PasswordHasher(random), clock);
    accounts.create("system", "admin", "pw-1".toCharArray(), "cli", "token-1");
    assertThat(accounts.authenticatePassword("admin", "pw-1".toCharArray()))
        .hasValue(new AdminPrincipal("admin", AdminRole.ADMINISTRATOR));
    assertThat(accounts.authenticatePassword("admin", "pw-2".toCharArray())).isEmpty();
    assertThat(accounts.authenticateToken("token-1"))
        .hasValue(new AdminPrincipal("admin", AdminRole.ADMINISTRATOR));
    assertThat(
            accounts.add("system", "viewer", "long-enough-pw".toCharArray(), AdminRole.READ_ONLY))
        .isInstanceOf(io.fedgate.appliance.config.ConfigResult.Done.class);
    assertThat(accounts.authenticatePassword("viewer", "long-enough-pw".toCharArray()))
        .hasValue(new AdminPrincipal("viewer", AdminRole.READ_ONLY));
    assertThat(accounts.update("system", "admin", AdminRole.OPERATOR, null, null))
        .isInstanceOf(io.fedgate.appliance.config.ConfigResult.Refused.class);
    accounts.replaceToken("system", "admin", "cli", "token-2");
    assertThat(accounts.authenticateToken("token-1")).isEmpty();
  }

  @Test
  void reopeningAppliesNoMigrationAgain() {
    assertThat(database.migrationsApplied()).isPositive();
    database.close();
    database = Database.open(url(), user(), "");

    assertThat(database.migrationsApplied()).isZero();
  }
}
