package io.fedgate.appliance.store;

import java.util.UUID;

/**
 * The certificate repository checks on H2 with the Flyway schema; one in-memory database per test.
 */
class H2CertificateRepositoriesIT extends CertificateRepositoriesChecks {
  @Override
  Database openEmptyDatabase() {
    return Database.open("jdbc:h2:mem:certs-" + UUID.randomUUID(), "", "");
  }
}
