package io.fedgate.appliance.store;

import io.fedgate.certstore.store.CertificateRepository;
import io.fedgate.certstore.store.CertificateRepositoryContract;
import io.fedgate.certstore.tls.TlsSettingsRepository;
import io.fedgate.certstore.tls.TlsSettingsRepositoryContract;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The same contracts and audit checks as {@link H2CertificateRepositoriesIT} on a real PostgreSQL
 * (Debian's {@code postgresql}) started once for the class; each test gets its own database.
 */
class PostgresCertificateRepositoriesIT {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresServer server;
  private final List<Database> opened = new ArrayList<>();

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

  Database freshDatabase() {
    String name = "certs" + DATABASES.incrementAndGet();
    try (var c = DriverManager.getConnection(server.jdbcUrl(), "fedgate", "")) {
      c.createStatement().execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    Database database =
        Database.open(server.jdbcUrl().replace("/postgres", "/" + name), "fedgate", "");
    opened.add(database);
    return database;
  }

  @AfterEach
  void closeDatabases() {
    opened.forEach(Database::close);
    opened.clear();
  }

  @Nested
  class Certificates implements CertificateRepositoryContract {
    @Override
    public CertificateRepository emptyRepository() {
      return new JdbcCertificateRepository(freshDatabase(), new AuditLog(Clock.systemUTC()), "t");
    }
  }

  @Nested
  class TlsSettings implements TlsSettingsRepositoryContract {
    @Override
    public TlsSettingsRepository emptyRepository() {
      return JdbcRepositories.emptyTlsSettings(freshDatabase());
    }
  }

  @Nested
  class Audit implements JdbcAdapterChecks {
    @Override
    public Database freshDatabase() {
      return PostgresCertificateRepositoriesIT.this.freshDatabase();
    }
  }
}
