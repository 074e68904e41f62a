package io.fedgate.certstore.store;

import io.fedgate.certstore.StoreName;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One row of {@code certificate_entry}, column for column (the surrogate {@code id} is the
 * adapter's business). The private key is only ever here sealed by {@link
 * io.fedgate.certstore.pki.KeyProtector}; {@link #toString()} shows its length, not its bytes.
 *
 * @param certificatePem PEM chain, leaf first; null for PENDING
 * @param keyAlgorithm "RSA" or "EC" for IDENTITY and PENDING; null for TRUST
 * @param sealedPrivateKey KeyProtector output for IDENTITY and PENDING; null for TRUST
 * @param csrPem the PKCS#10 request for PENDING; null otherwise
 */
public record CertificateEntry(
    StoreName store,
    String alias,
    EntryKind kind,
    String certificatePem,
    String keyAlgorithm,
    byte[] sealedPrivateKey,
    String csrPem,
    Instant createdAt,
    Instant updatedAt) {

  public CertificateEntry {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    sealedPrivateKey = sealedPrivateKey == null ? null : sealedPrivateKey.clone();
    requireShape(kind, certificatePem, keyAlgorithm, sealedPrivateKey, csrPem);
  }

  public static CertificateEntry identity(
      StoreName store,
      String alias,
      String chainPem,
      String keyAlgorithm,
      byte[] sealed,
      Instant at) {
    return new CertificateEntry(
        store, alias, EntryKind.IDENTITY, chainPem, keyAlgorithm, sealed, null, at, at);
  }

  public static CertificateEntry trust(StoreName store, String alias, String pem, Instant at) {
    return new CertificateEntry(store, alias, EntryKind.TRUST, pem, null, null, null, at, at);
  }

  public static CertificateEntry pending(
      StoreName store,
      String alias,
      String csrPem,
      String keyAlgorithm,
      byte[] sealed,
      Instant at) {
    return new CertificateEntry(
        store, alias, EntryKind.PENDING, null, keyAlgorithm, sealed, csrPem, at, at);
  }

  public EntryKey key() {
    return new EntryKey(store, alias);
  }

  @Override
  public byte[] sealedPrivateKey() {
    return sealedPrivateKey == null ? null : sealedPrivateKey.clone();
  }

  /** A copy keeping {@code createdAt} of an earlier version of the row. */
  public CertificateEntry createdAt(Instant created) {
    return new CertificateEntry(
        store,
        alias,
        kind,
        certificatePem,
        keyAlgorithm,
        sealedPrivateKey,
        csrPem,
        created,
        updatedAt);
  }

  private static void requireShape(
      EntryKind kind, String pem, String algorithm, byte[] sealed, String csr) {
    boolean ok =
        switch (kind) {
          case IDENTITY -> pem != null && algorithm != null && sealed != null && csr == null;
          case TRUST -> pem != null && algorithm == null && sealed == null && csr == null;
          case PENDING -> pem == null && algorithm != null && sealed != null && csr != null;
        };
    if (!ok) {
      throw new IllegalArgumentException("columns do not fit an entry of kind " + kind);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CertificateEntry e
        && store == e.store
        && alias.equals(e.alias)
        && kind == e.kind
        && Objects.equals(certificatePem, e.certificatePem)
        && Objects.equals(keyAlgorithm, e.keyAlgorithm)
        && Arrays.equals(sealedPrivateKey, e.sealedPrivateKey)
        && Objects.equals(csrPem, e.csrPem)
        && createdAt.equals(e.createdAt)
        && updatedAt.equals(e.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(store, alias, kind, certificatePem, Arrays.hashCode(sealedPrivateKey));
  }

  @Override
  public String toString() {
    return "CertificateEntry["
        + store
        + "/"
        + alias
        + " "
        + kind
        + (sealedPrivateKey == null ? "" : ", sealed key " + sealedPrivateKey.length + " bytes")
        + "]";
  }
}
