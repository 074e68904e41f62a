package io.fedgate.appliance.store;

import io.fedgate.certstore.store.CertificateRepository;
import io.fedgate.certstore.store.CertificateRepositoryContract;
import io.fedgate.certstore.tls.TlsSettingsRepository;
import io.fedgate.certstore.tls.TlsSettingsRepositoryContract;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same contracts and audit checks as {@link H2CertificateRepositoriesIT} on a real PostgreSQL
 * (Debian's {@code postgresql}) shared by the test run; each test gets its own database.
 */
class PostgresCertificateRepositoriesIT {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  private final List<Database> opened = new ArrayList<>();

  Database freshDatabase() {
    Database database = Database.open(POSTGRES.newDatabase("certs"), POSTGRES.user(), "");
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
