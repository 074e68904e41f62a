package io.fedgate.appliance.store;

import java.time.Clock;

/** Test helpers for the JDBC repositories. */
final class JdbcRepositories {
  private JdbcRepositories() {}

  /**
   * A TLS settings repository over a database without the seeded default context: the contract
   * starts from an empty repository.
   */
  static JdbcTlsSettingsRepository emptyTlsSettings(Database database) {
    database.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM tls_context"));
    return new JdbcTlsSettingsRepository(database, new AuditLog(Clock.systemUTC()), "test");
  }
}
