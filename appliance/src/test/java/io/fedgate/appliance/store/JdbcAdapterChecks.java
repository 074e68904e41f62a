package io.fedgate.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.store.CertificateEntry;
import io.fedgate.certstore.store.EntryChanges;
import io.fedgate.certstore.store.EntryKey;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.certstore.tls.TlsContext;
import io.fedgate.certstore.tls.TlsPeerSubject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC adapters add to the cert-store contracts: each change is audited with its actor in
 * the same transaction (and a failed change leaves neither rows nor audit entries), and the audit
 * never holds sealed key bytes. Run on H2 and on PostgreSQL.
 */
interface JdbcAdapterChecks {
  Instant AT = Instant.parse("2030-06-01T12:00:00Z");
  byte[] SEALED = {7, 7, 7, 42, 42, 42, 99, 99};

  /** A freshly migrated database; closed by the implementing class. */
  Database freshDatabase();

  private static List<AuditEntry> audit(Database database) {
    return database.inTransaction(c -> new AuditLog(Clock.systemUTC()).recent(c, 100));
  }

  private static CertificateEntry identity(String alias) {
    String pem =
        new String(
            TestFiles.pem(List.of(TestPki.shared().root().certificate())),
            StandardCharsets.US_ASCII);
    return CertificateEntry.identity(StoreName.CUP, alias, pem, "RSA", SEALED, AT);
  }

  @Test
  default void everyCertificateChangeIsAuditedWithItsActorAndWithoutKeyBytes() {
    Database database = freshDatabase();
    JdbcCertificateRepository repository =
        new JdbcCertificateRepository(database, new AuditLog(Clock.systemUTC()), "system");

    repository.as("alice").apply(EntryChanges.put(identity("cup")));
    repository.as("bob").apply(EntryChanges.put(identity("cup")));
    repository.as("carol").apply(EntryChanges.remove(new EntryKey(StoreName.CUP, "cup")));

    List<AuditEntry> entries = audit(database);
    assertThat(entries)
        .extracting(AuditEntry::actor, AuditEntry::kind, AuditEntry::objectId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("carol", AuditEntry.ChangeKind.DELETE, "cup/cup"),
            org.assertj.core.groups.Tuple.tuple("bob", AuditEntry.ChangeKind.UPDATE, "cup/cup"),
            org.assertj.core.groups.Tuple.tuple("alice", AuditEntry.ChangeKind.CREATE, "cup/cup"));
    assertThat(entries.get(2).after())
        .contains("fedgate Test Root CA", "\"sealedKeyHeld\":true")
        .doesNotContain(HexFormat.of().formatHex(SEALED), "BwcHKioqY2M=", "BEGIN");
  }

  @Test
  default void aFailedApplyLeavesNeitherRowsNorAuditEntries() {
    Database database = freshDatabase();
    JdbcCertificateRepository repository =
        new JdbcCertificateRepository(database, new AuditLog(Clock.systemUTC()), "alice");
    CertificateEntry kept = identity("cup");
    repository.apply(EntryChanges.put(kept));
    int audited = audit(database).size();
    CertificateEntry tooLong = identity("x".repeat(200)); // entry_alias is VARCHAR(128)

    assertThatThrownBy(
            () ->
                repository.apply(
                    new EntryChanges(List.of(identity("other"), tooLong), List.of(kept.key()))))
        .isInstanceOf(StoreException.class);

    assertThat(repository.listAll()).containsExactly(kept);
    assertThat(audit(database)).hasSize(audited);
  }

  @Test
  default void tlsChangesAreAuditedAndARefusedContextLeavesNothing() {
    Database database = freshDatabase();
    JdbcTlsSettingsRepository repository =
        new JdbcTlsSettingsRepository(database, new AuditLog(Clock.systemUTC()), "alice");
    repository.savePeerSubject(new TlsPeerSubject("sip.partner.example", "edge", AT));
    TlsContext context =
        repository
            .findContext(TlsContext.DEFAULT_PEER_AUTH)
            .orElseThrow()
            .withPeerSubjects(List.of("sip.partner.example"), AT);
    repository.as("bob").saveContext(context);
    int audited = audit(database).size();

    assertThatThrownBy(
            () -> repository.saveContext(context.withPeerSubjects(List.of("nobody.example"), AT)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(audit(database)).hasSize(audited);
    repository.as("carol").deletePeerSubject("sip.partner.example");

    assertThat(audit(database))
        .extracting(AuditEntry::actor, AuditEntry::objectType, AuditEntry::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "carol", "tls-context", AuditEntry.ChangeKind.UPDATE),
            org.assertj.core.groups.Tuple.tuple(
                "carol", "tls-peer-subject", AuditEntry.ChangeKind.DELETE),
            org.assertj.core.groups.Tuple.tuple("bob", "tls-context", AuditEntry.ChangeKind.UPDATE),
            org.assertj.core.groups.Tuple.tuple(
                "alice", "tls-peer-subject", AuditEntry.ChangeKind.CREATE));
    assertThat(repository.findContext(TlsContext.DEFAULT_PEER_AUTH).orElseThrow().peerSubjects())
        .isEmpty();
  }
}
