package io.fedgate.appliance.store;

import io.fedgate.certstore.tls.CipherProfile;
import io.fedgate.certstore.tls.TlsContext;
import io.fedgate.certstore.tls.TlsPeerSubject;
import io.fedgate.certstore.tls.TlsSettingsRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@link TlsSettingsRepository} over {@code tls_peer_subject}, {@code tls_context} and {@code
 * tls_context_peer_subject}. Ids stay here; lists of protocols and suites are comma-separated
 * columns. Every change is audited in the same transaction in the name of this instance's actor.
 */
public final class JdbcTlsSettingsRepository implements TlsSettingsRepository {
  private static final String CONTEXT_COLUMNS =
      "id, context_name, description, protocols, cipher_profile, cipher_suites,"
          + " disable_empty_tls_fragments, updated_at";

  private final Database database;
  private final AuditLog audit;
  private final String actor;

  public JdbcTlsSettingsRepository(Database database, AuditLog audit, String actor) {
    this.database = database;
    this.audit = audit;
    this.actor = actor;
  }

  /** The same repository, auditing its changes in the name of {@code otherActor}. */
  public JdbcTlsSettingsRepository as(String otherActor) {
    return new JdbcTlsSettingsRepository(database, audit, otherActor);
  }

  @Override
  public List<TlsPeerSubject> peerSubjects() {
    return database.inTransaction(JdbcTlsSettingsRepository::subjects);
  }

  @Override
  public void savePeerSubject(TlsPeerSubject subject) {
    database.inTransaction(
        c -> {
          Optional<TlsPeerSubject> old = subject(c, subject.subjectName());
          String sql =
              old.isPresent()
                  ? "UPDATE tls_peer_subject SET description = ?, created_at = ?"
                      + " WHERE subject_name = ?"
                  : "INSERT INTO tls_peer_subject (description, created_at, subject_name)"
                      + " VALUES (?, ?, ?)";
          try (PreparedStatement write = c.prepareStatement(sql)) {
            write.setString(1, subject.description());
            write.setObject(2, SqlTime.of(subject.createdAt()));
            write.setString(3, subject.subjectName());
            write.executeUpdate();
          }
          record(c, "tls-peer-subject", subject.subjectName(), old.orElse(null), subject);
          return null;
        });
  }

  @Override
  public void deletePeerSubject(String subjectName) {
    database.inTransaction(
        c -> {
          Optional<TlsPeerSubject> old = subject(c, subjectName);
          if (old.isEmpty()) {
            return null;
          }
          List<TlsContext> using =
              contexts(c).stream().filter(t -> t.peerSubjects().contains(subjectName)).toList();
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM tls_peer_subject WHERE subject_name = ?")) {
            delete.setString(1, subjectName);
            delete.executeUpdate(); // the mappings go with it (ON DELETE CASCADE)
          }
          record(c, "tls-peer-subject", subjectName, old.get(), null);
          for (TlsContext context : using) {
            record(c, "tls-context", context.name(), context, find(c, context.name()).orElse(null));
          }
          return null;
        });
  }

  @Override
  public List<TlsContext> contexts() {
    return database.inTransaction(JdbcTlsSettingsRepository::contexts);
  }

  @Override
  public Optional<TlsContext> findContext(String name) {
    return database.inTransaction(c -> find(c, name));
  }

  @Override
  public void saveContext(TlsContext context) {
    database.inTransaction(
        c -> {
          Optional<TlsContext> old = find(c, context.name());
          long id = old.isPresent() ? update(c, context) : insert(c, context);
          try (PreparedStatement clear =
              c.prepareStatement("DELETE FROM tls_context_peer_subject WHERE context_id = ?")) {
            clear.setLong(1, id);
            clear.executeUpdate();
          }
          for (String subject : context.peerSubjects().stream().distinct().toList()) {
            map(c, id, subject);
          }
          record(c, "tls-context", context.name(), old.orElse(null), find(c, context.name()).get());
          return null;
        });
  }

  private static long update(Connection c, TlsContext context) throws SQLException {
    try (PreparedStatement write =
        c.prepareStatement(
            "UPDATE tls_context SET description = ?, protocols = ?, cipher_profile = ?,"
                + " cipher_suites = ?, disable_empty_tls_fragments = ?, updated_at = ?"
                + " WHERE context_name = ?")) {
      bind(write, context);
      write.executeUpdate();
    }
    return contextId(c, context.name());
  }

  private static long insert(Connection c, TlsContext context) throws SQLException {
    try (PreparedStatement write =
        c.prepareStatement(
            "INSERT INTO tls_context (description, protocols, cipher_profile, cipher_suites,"
                + " disable_empty_tls_fragments, updated_at, context_name)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      bind(write, context);
      write.executeUpdate();
    }
    return contextId(c, context.name());
  }

  private static void bind(PreparedStatement write, TlsContext context) throws SQLException {
    write.setString(1, context.description());
    write.setString(2, String.join(",", context.protocols()));
    write.setString(3, context.cipherProfile().name());
    write.setString(4, String.join(",", context.cipherSuites()));
    write.setBoolean(5, context.disableEmptyTlsFragments());
    write.setObject(6, SqlTime.of(context.updatedAt()));
    write.setString(7, context.name());
  }

  private static void map(Connection c, long contextId, String subject) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO tls_context_peer_subject (context_id, subject_id)"
                + " SELECT ?, id FROM tls_peer_subject WHERE subject_name = ?")) {
      insert.setLong(1, contextId);
      insert.setString(2, subject);
      if (insert.executeUpdate() != 1) {
        throw new IllegalArgumentException("no TLS peer subject '" + subject + "'");
      }
    }
  }

  private static long contextId(Connection c, String name) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT id FROM tls_context WHERE context_name = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private void record(Connection c, String type, String id, Object before, Object after)
      throws SQLException {
    AuditEntry.ChangeKind kind =
        before == null
            ? AuditEntry.ChangeKind.CREATE
            : after == null ? AuditEntry.ChangeKind.DELETE : AuditEntry.ChangeKind.UPDATE;
    audit.record(c, actor, type, id, kind, AuditJson.of(before), AuditJson.of(after));
  }

  private static List<TlsPeerSubject> subjects(Connection c) throws SQLException {
    List<TlsPeerSubject> subjects = new ArrayList<>();
    try (PreparedStatement query =
            c.prepareStatement(
                "SELECT subject_name, description, created_at FROM tls_peer_subject");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        subjects.add(
            new TlsPeerSubject(rows.getString(1), rows.getString(2), SqlTime.instant(rows, 3)));
      }
    }
    subjects.sort(Comparator.comparing(TlsPeerSubject::subjectName));
    return subjects;
  }

  private static Optional<TlsPeerSubject> subject(Connection c, String name) throws SQLException {
    return subjects(c).stream().filter(s -> s.subjectName().equals(name)).findFirst();
  }

  private static Optional<TlsContext> find(Connection c, String name) throws SQLException {
    return contexts(c).stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private static List<TlsContext> contexts(Connection c) throws SQLException {
    List<TlsContext> contexts = new ArrayList<>();
    try (PreparedStatement query =
            c.prepareStatement("SELECT " + CONTEXT_COLUMNS + " FROM tls_context");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        contexts.add(
            new TlsContext(
                rows.getString(2),
                rows.getString(3),
                split(rows.getString(4)),
                CipherProfile.valueOf(rows.getString(5)),
                split(rows.getString(6)),
                mappedSubjects(c, rows.getLong(1)),
                rows.getBoolean(7),
                SqlTime.instant(rows, 8)));
      }
    }
    contexts.sort(Comparator.comparing(TlsContext::name));
    return contexts;
  }

  private static List<String> mappedSubjects(Connection c, long contextId) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT s.subject_name FROM tls_context_peer_subject m"
                + " JOIN tls_peer_subject s ON s.id = m.subject_id WHERE m.context_id = ?")) {
      query.setLong(1, contextId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  private static List<String> split(String column) {
    return column == null || column.isBlank()
        ? List.of()
        : Arrays.stream(column.split(",")).map(String::trim).toList();
  }
}
