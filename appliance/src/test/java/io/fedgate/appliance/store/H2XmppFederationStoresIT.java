package io.fedgate.appliance.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The XMPP federation store checks on the embedded H2 database. */
class H2XmppFederationStoresIT extends XmppFederationStoreChecks {
  @TempDir Path temp;

  @Override
  String url() {
    return "jdbc:h2:file:" + temp.resolve("db/fedgate").toAbsolutePath();
  }

  @Override
  String user() {
    return "";
  }
}
