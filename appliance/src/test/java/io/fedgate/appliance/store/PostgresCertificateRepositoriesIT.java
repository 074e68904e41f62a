package io.fedgate.appliance.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The certificate repository checks on a real PostgreSQL (Debian's {@code postgresql}) shared by
 * the test run; each test gets its own database.
 */
class PostgresCertificateRepositoriesIT extends CertificateRepositoriesChecks {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  @Override
  Database openEmptyDatabase() {
    return Database.open(POSTGRES.newDatabase("certs"), POSTGRES.user(), "");
  }
}
