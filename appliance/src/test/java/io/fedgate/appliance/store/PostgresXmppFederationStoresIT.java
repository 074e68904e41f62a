package io.fedgate.appliance.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The XMPP federation store checks on a real PostgreSQL started by the test. */
class PostgresXmppFederationStoresIT extends XmppFederationStoreChecks {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  private String url;

  @BeforeEach
  @Override
  void open() {
    url = POSTGRES.newDatabase("xmpp_federation");
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
