package io.fedgate.appliance.store;

import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.pki.CertificateDecoder;
import io.fedgate.certstore.pki.CertificateDetails;
import io.fedgate.certstore.pki.UploadLimit;
import io.fedgate.certstore.store.CertificateEntry;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What the audit log keeps of a certificate entry: who the certificate names and how to recognise
 * it (fingerprint, serial). Whether a sealed key is held, never its bytes.
 *
 * @param leaf details of the first certificate; null for a pending request or unreadable PEM
 * @param certificates how many certificates the entry holds
 */
record CertificateAuditView(
    String store,
    String alias,
    String kind,
    Leaf leaf,
    int certificates,
    String keyAlgorithm,
    boolean sealedKeyHeld,
    Instant updatedAt) {

  private static final CertificateDecoder STORED =
      new CertificateDecoder(new UploadLimit(Integer.MAX_VALUE));

  /** The leaf as recorded: subject, issuer, serial, validity, SHA-256 fingerprint. */
  record Leaf(
      String subject,
      String issuer,
      String serialNumber,
      Instant notBefore,
      Instant notAfter,
      String sha256Fingerprint) {}

  static CertificateAuditView of(CertificateEntry entry) {
    if (entry == null) {
      return null;
    }
    List<X509Certificate> chain = certificates(entry.certificatePem());
    Leaf leaf =
        chain.stream()
            .findFirst()
            .map(CertificateDetails::of)
            .map(
                d ->
                    new Leaf(
                        d.subject(),
                        d.issuer(),
                        d.serialNumber(),
                        d.notBefore(),
                        d.notAfter(),
                        d.sha256Fingerprint()))
            .orElse(null);
    return new CertificateAuditView(
        entry.store().storeName(),
        entry.alias(),
        entry.kind().name(),
        leaf,
        chain.size(),
        entry.keyAlgorithm(),
        entry.sealedPrivateKey() != null,
        entry.updatedAt());
  }

  private static List<X509Certificate> certificates(String pem) {
    if (pem == null) {
      return List.of();
    }
    try {
      return STORED.decode(pem.getBytes(StandardCharsets.US_ASCII));
    } catch (RejectedInputException e) {
      return List.of(); // the audit row still names the entry; the repository stores what it got
    }
  }
}
