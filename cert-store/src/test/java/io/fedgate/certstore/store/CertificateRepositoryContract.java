package io.fedgate.certstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.StoreName;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CertificateRepository} meets: the in-memory one here and the
 * appliance's JDBC adapter. Implement {@link #emptyRepository()} in a test class to run it; it is
 * published in the cert-store test-jar.
 */
public interface CertificateRepositoryContract {
  Instant CREATED = Instant.parse("2030-06-01T12:00:00Z");
  Instant UPDATED = Instant.parse("2030-06-02T08:30:00Z");
  String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  /** A new, empty repository; called once per test. */
  CertificateRepository emptyRepository();

  private static CertificateEntry identity(StoreName store, String alias, byte[] sealed) {
    return new CertificateEntry(
        store, alias, EntryKind.IDENTITY, PEM, "RSA", sealed, null, CREATED, UPDATED);
  }

  @Test
  default void anEmptyRepositoryHoldsNothing() {
    CertificateRepository repository = emptyRepository();

    assertThat(repository.find(new EntryKey(StoreName.CUP, "identity"))).isEmpty();
    assertThat(repository.list(StoreName.CUP)).isEmpty();
    assertThat(repository.listAll()).isEmpty();
  }

  @Test
  default void everyColumnRoundTrips() {
    CertificateRepository repository = emptyRepository();
    byte[] sealed = {1, 0, -1, 42, 127, -128};
    CertificateEntry identity = identity(StoreName.CUP, "identity", sealed);
    CertificateEntry trust =
        new CertificateEntry(
            StoreName.CUP_TRUST,
            "partner-root",
            EntryKind.TRUST,
            PEM,
            null,
            null,
            null,
            CREATED,
            UPDATED);
    CertificateEntry pending =
        new CertificateEntry(
            StoreName.CUP_XMPP,
            "identity#pending",
            EntryKind.PENDING,
            null,
            "EC",
            sealed,
            "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
            CREATED,
            UPDATED);

    repository.apply(new EntryChanges(List.of(identity, trust, pending), List.of()));

    assertThat(repository.find(identity.key())).contains(identity);
    assertThat(repository.find(trust.key())).contains(trust);
    assertThat(repository.find(pending.key())).contains(pending);
    assertThat(repository.find(identity.key()).orElseThrow().sealedPrivateKey()).isEqualTo(sealed);
  }

  @Test
  default void aPutReplacesTheRowWithTheSameStoreAndAlias() {
    CertificateRepository repository = emptyRepository();
    repository.apply(EntryChanges.put(identity(StoreName.CUP, "identity", new byte[] {1})));
    CertificateEntry replacement = identity(StoreName.CUP, "identity", new byte[] {2, 3});

    repository.apply(EntryChanges.put(replacement));

    assertThat(repository.list(StoreName.CUP)).containsExactly(replacement);
  }

  @Test
  default void theSameAliasInTwoStoresIsTwoRows() {
    CertificateRepository repository = emptyRepository();
    CertificateEntry cup = identity(StoreName.CUP, "identity", new byte[] {1});
    CertificateEntry xmpp = identity(StoreName.CUP_XMPP, "identity", new byte[] {2});

    repository.apply(new EntryChanges(List.of(cup, xmpp), List.of()));

    assertThat(repository.list(StoreName.CUP)).containsExactly(cup);
    assertThat(repository.list(StoreName.CUP_XMPP)).containsExactly(xmpp);
  }

  @Test
  default void listsAreOrderedByStoreNameThenAlias() {
    CertificateRepository repository = emptyRepository();
    CertificateEntry b = CertificateEntry.trust(StoreName.CUP_TRUST, "b-root", PEM, CREATED);
    CertificateEntry a = CertificateEntry.trust(StoreName.CUP_TRUST, "a-root", PEM, CREATED);
    CertificateEntry admin = identity(StoreName.ADMIN, "identity", new byte[] {1});
    CertificateEntry cup = identity(StoreName.CUP, "identity", new byte[] {1});

    repository.apply(new EntryChanges(List.of(b, cup, a, admin), List.of()));

    assertThat(repository.list(StoreName.CUP_TRUST)).containsExactly(a, b);
    assertThat(repository.listAll()).containsExactly(admin, cup, a, b);
  }

  @Test
  default void removalsAndPutsApplyTogether() {
    CertificateRepository repository = emptyRepository();
    CertificateEntry pending =
        CertificateEntry.pending(
            StoreName.CUP, "identity#pending", "csr", "RSA", new byte[] {9}, CREATED);
    repository.apply(EntryChanges.put(pending));
    CertificateEntry identity = identity(StoreName.CUP, "identity", new byte[] {9});

    repository.apply(new EntryChanges(List.of(identity), List.of(pending.key())));

    assertThat(repository.list(StoreName.CUP)).containsExactly(identity);
  }

  @Test
  default void removingAMissingEntryIsNoError() {
    CertificateRepository repository = emptyRepository();
    CertificateEntry kept = identity(StoreName.CUP, "identity", new byte[] {1});
    repository.apply(EntryChanges.put(kept));

    repository.apply(EntryChanges.remove(new EntryKey(StoreName.CUP, "missing")));

    assertThat(repository.listAll()).containsExactly(kept);
  }

  @Test
  default void aRemovedEntryIsGone() {
    CertificateRepository repository = emptyRepository();
    CertificateEntry entry = CertificateEntry.trust(StoreName.CUP_TRUST, "root", PEM, CREATED);
    repository.apply(EntryChanges.put(entry));

    repository.apply(EntryChanges.remove(entry.key()));

    assertThat(repository.find(entry.key())).isEmpty();
    assertThat(repository.listAll()).isEmpty();
  }
}
