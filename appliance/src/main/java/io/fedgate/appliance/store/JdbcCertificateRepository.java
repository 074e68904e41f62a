package io.fedgate.appliance.store;

import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.store.CertificateEntry;
import io.fedgate.certstore.store.CertificateRepository;
import io.fedgate.certstore.store.EntryChanges;
import io.fedgate.certstore.store.EntryKey;
import io.fedgate.certstore.store.EntryKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@link CertificateRepository} over the {@code certificate_entry} table. The surrogate {@code id}
 * stays here. Every change is written to the audit log in the same transaction, in the name of the
 * actor this instance was made for ({@link #as}); the audit rows describe the certificates, never
 * the sealed key bytes.
 *
 * <p>Lists are sorted here, not by the database, so that the order is the same on H2 and on a
 * PostgreSQL with any collation.
 */
public final class JdbcCertificateRepository implements CertificateRepository {
  private static final String COLUMNS =
      "store_name, entry_alias, kind, certificate_pem, key_algorithm, sealed_private_key,"
          + " csr_pem, created_at, updated_at";
  private static final Comparator<CertificateEntry> ORDER =
      Comparator.comparing((CertificateEntry e) -> e.store().storeName())
          .thenComparing(CertificateEntry::alias);

  private final Database database;
  private final AuditLog audit;
  private final String actor;

  public JdbcCertificateRepository(Database database, AuditLog audit, String actor) {
    this.database = database;
    this.audit = audit;
    this.actor = actor;
  }

  /** The same repository, auditing its changes in the name of {@code otherActor}. */
  public JdbcCertificateRepository as(String otherActor) {
    return new JdbcCertificateRepository(database, audit, otherActor);
  }

  @Override
  public Optional<CertificateEntry> find(EntryKey key) {
    return database.inTransaction(c -> find(c, key));
  }

  @Override
  public List<CertificateEntry> list(StoreName store) {
    return database.inTransaction(
        c -> query(c, "SELECT " + COLUMNS + " FROM certificate_entry WHERE store_name = ?", store));
  }

  @Override
  public List<CertificateEntry> listAll() {
    return database.inTransaction(c -> query(c, "SELECT " + COLUMNS + " FROM certificate_entry"));
  }

  @Override
  public void apply(EntryChanges changes) {
    database.inTransaction(
        c -> {
          for (EntryKey key : changes.removals()) {
            remove(c, key);
          }
          for (CertificateEntry entry : changes.puts()) {
            put(c, entry);
          }
          return null;
        });
  }

  private void remove(Connection c, EntryKey key) throws SQLException {
    Optional<CertificateEntry> old = find(c, key);
    if (old.isEmpty()) {
      return;
    }
    try (PreparedStatement delete =
        c.prepareStatement(
            "DELETE FROM certificate_entry WHERE store_name = ? AND entry_alias = ?")) {
      delete.setString(1, key.store().storeName());
      delete.setString(2, key.alias());
      delete.executeUpdate();
    }
    record(c, key, AuditEntry.ChangeKind.DELETE, old.get(), null);
  }

  private void put(Connection c, CertificateEntry entry) throws SQLException {
    Optional<CertificateEntry> old = find(c, entry.key());
    String sql =
        old.isPresent()
            ? "UPDATE certificate_entry SET kind = ?, certificate_pem = ?, key_algorithm = ?,"
                + " sealed_private_key = ?, csr_pem = ?, created_at = ?, updated_at = ?"
                + " WHERE store_name = ? AND entry_alias = ?"
            : "INSERT INTO certificate_entry (kind, certificate_pem, key_algorithm,"
                + " sealed_private_key, csr_pem, created_at, updated_at, store_name, entry_alias)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement write = c.prepareStatement(sql)) {
      write.setString(1, entry.kind().name());
      write.setString(2, entry.certificatePem());
      write.setString(3, entry.keyAlgorithm());
      write.setBytes(4, entry.sealedPrivateKey());
      write.setString(5, entry.csrPem());
      write.setObject(6, SqlTime.of(entry.createdAt()));
      write.setObject(7, SqlTime.of(entry.updatedAt()));
      write.setString(8, entry.store().storeName());
      write.setString(9, entry.alias());
      write.executeUpdate();
    }
    AuditEntry.ChangeKind kind =
        old.isPresent() ? AuditEntry.ChangeKind.UPDATE : AuditEntry.ChangeKind.CREATE;
    record(c, entry.key(), kind, old.orElse(null), entry);
  }

  private void record(
      Connection c,
      EntryKey key,
      AuditEntry.ChangeKind kind,
      CertificateEntry before,
      CertificateEntry after)
      throws SQLException {
    audit.record(
        c,
        actor,
        "certificate",
        key.toString(),
        kind,
        AuditJson.of(CertificateAuditView.of(before)),
        AuditJson.of(CertificateAuditView.of(after)));
  }

  private static Optional<CertificateEntry> find(Connection c, EntryKey key) throws SQLException {
    List<CertificateEntry> found =
        query(
            c,
            "SELECT "
                + COLUMNS
                + " FROM certificate_entry WHERE store_name = ? AND entry_alias = ?",
            key.store(),
            key.alias());
    return found.stream().findFirst();
  }

  private static List<CertificateEntry> query(Connection c, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement query = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setString(i + 1, parameters[i].toString());
      }
      List<CertificateEntry> entries = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          entries.add(entry(rows));
        }
      }
      entries.sort(ORDER);
      return entries;
    }
  }

  private static CertificateEntry entry(ResultSet rows) throws SQLException {
    String store = rows.getString(1);
    return new CertificateEntry(
        StoreName.fromStoreName(store)
            .orElseThrow(() -> new SQLException("unknown store_name " + store)),
        rows.getString(2),
        EntryKind.valueOf(rows.getString(3)),
        rows.getString(4),
        rows.getString(5),
        rows.getBytes(6),
        rows.getString(7),
        SqlTime.instant(rows, 8),
        SqlTime.instant(rows, 9));
  }
}
