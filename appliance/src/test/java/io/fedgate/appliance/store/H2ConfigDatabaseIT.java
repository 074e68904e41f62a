package io.fedgate.appliance.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The config database checks on the embedded H2 file database. */
class H2ConfigDatabaseIT extends ConfigDatabaseChecks {
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
