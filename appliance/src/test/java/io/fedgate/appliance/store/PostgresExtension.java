package io.fedgate.appliance.store;

import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real PostgreSQL server for the whole test run (started on first use, stopped when the run
 * ends), and a fresh database per caller: {@code @RegisterExtension static final PostgresExtension
 * POSTGRES = new PostgresExtension();}.
 */
final class PostgresExtension implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private PostgresServer server;

  /** Closes the server when JUnit closes the root store at the end of the run. */
  private record Running(PostgresServer server)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws InterruptedException {
      server.close();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent("server", key -> start(), Running.class)
            .server();
  }

  private static Running start() {
    try {
      return new Running(
          PostgresServer.start(Files.createTempDirectory("fedgate-pg").resolve("server")));
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot start PostgreSQL for the tests: " + e.getMessage(), e);
    }
  }

  /** Creates an empty database and returns its JDBC URL (user {@link #user()}, no password). */
  String newDatabase(String prefix) {
    String name = prefix + DATABASES.incrementAndGet();
    try (var c = DriverManager.getConnection(server.jdbcUrl(), user(), "")) {
      c.createStatement().execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return server.jdbcUrl().replace("/postgres", "/" + name);
  }

  String user() {
    return "fedgate";
  }
}
