package io.fedgate.appliance.store;

import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The federation store checks on a real PostgreSQL started by the test, a database per test. */
class PostgresFederationStoresIT extends FederationStoreChecks {
  private static PostgresServer server;
  private static int counter;
  private String databaseName;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.start(Files.createTempDirectory("fedgate-pg").resolve("server"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  @Override
  void open() {
    databaseName = "federation" + (++counter);
    try (var c = DriverManager.getConnection(server.jdbcUrl(), "fedgate", "")) {
      c.createStatement().execute("CREATE DATABASE " + databaseName);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    super.open();
  }

  @Override
  String url() {
    return server.jdbcUrl().replace("/postgres", "/" + databaseName);
  }

  @Override
  String user() {
    return "fedgate";
  }
}
