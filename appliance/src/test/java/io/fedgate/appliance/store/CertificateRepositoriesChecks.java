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

/**
 * The JDBC certificate and TLS settings repositories pass the cert-store contracts (the same ones
 * the in-memory fakes pass) and the audit checks; subclasses supply an empty database per test on
 * each engine.
 */
abstract class CertificateRepositoriesChecks {
  private final List<Database> opened = new ArrayList<>();

  /** A new, empty, migrated database. */
  abstract Database openEmptyDatabase();

  Database freshDatabase() {
    Database database = openEmptyDatabase();
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
      return CertificateRepositoriesChecks.this.freshDatabase();
    }
  }
}
