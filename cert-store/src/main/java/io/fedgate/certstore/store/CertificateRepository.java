package io.fedgate.certstore.store;

import io.fedgate.certstore.StoreName;
import java.util.List;
import java.util.Optional;

/**
 * Port for the {@code certificate_entry} table. Implemented in memory here ({@link
 * InMemoryCertificateRepository}) and over JDBC by the appliance; both must pass {@code
 * CertificateRepositoryContract} from this module's test-jar.
 *
 * <p>The repository stores what it is given: it never sees a clear private key, sets no timestamps
 * and validates nothing beyond its constraints.
 */
public interface CertificateRepository {

  Optional<CertificateEntry> find(EntryKey key);

  /** The entries of one store, ordered by alias. */
  List<CertificateEntry> list(StoreName store);

  /** All entries, ordered by store name ({@code admin, cup, cup-trust, ...}) then alias. */
  List<CertificateEntry> listAll();

  /**
   * Applies the removals, then the puts, atomically: after a failure nothing has changed. A put
   * replaces the row with the same store and alias, keeping no column of the old one.
   */
  void apply(EntryChanges changes);
}
