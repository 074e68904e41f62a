package io.fedgate.appliance.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The federation store checks on a real PostgreSQL started by the test, a database per test. */
class PostgresFederationStoresIT extends FederationStoreChecks {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  private String url;

  @BeforeEach
  @Override
  void open() {
    url = POSTGRES.newDatabase("federation");
    super.open();
  }

  @Override
  String url() {
    return url;
  }

  @Override
  String user() {
    return POSTGRES.user();
  }
}
