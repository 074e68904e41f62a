package io.fedgate.appliance.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same checks and migrations on a real PostgreSQL (Debian's {@code postgresql}), started by the
 * test on loopback; each test gets a fresh database.
 */
class PostgresConfigDatabaseIT extends ConfigDatabaseChecks {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  private String url;

  @BeforeEach
  @Override
  void open() {
    url = POSTGRES.newDatabase("config");
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

  @org.junit.jupiter.api.Test
  void aWholeNodeRunsOnPostgres(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
    database.close(); // the node opens its own connection pool on the same database
    Path boot =
        Files.writeString(
            temp.resolve("boot.properties"),
            "listener.admin.port = 0\nlistener.xmpp-c2s.port = 0\n"
                + "listener.xmpp-c2s-direct-tls.port = 0\n"
                + "listener.sip-peer-auth.port = 0\nlistener.sip-server-auth.port = 0\ndb.url = "
                + url()
                + "\ndb.user = fedgate\n");
    var config =
        new io.fedgate.appliance.boot.BootConfigLoader()
            .load(java.util.Optional.of(boot), java.util.Optional.of(temp.resolve("data")))
            .orElseThrow();
    try (var node =
        io.fedgate.appliance.node.Node.start(
            config,
            java.time.Clock.systemUTC(),
            new java.io.PrintWriter(java.io.Writer.nullWriter()))) {
      var outcome = node.parameters().set("alice", "sip.im-gateway-status", "false");

      org.assertj.core.api.Assertions.assertThat(node.status().database())
          .startsWith("jdbc:postgresql://127.0.0.1:");
      org.assertj.core.api.Assertions.assertThat(outcome)
          .isInstanceOf(io.fedgate.appliance.params.RuntimeParameters.Outcome.Changed.class);
      org.assertj.core.api.Assertions.assertThat(node.recentAudit(1))
          .singleElement()
          .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.actor()).isEqualTo("alice"));
    }
    database = Database.open(url(), user(), "");
  }
}
