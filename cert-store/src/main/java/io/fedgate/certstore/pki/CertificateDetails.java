package io.fedgate.certstore.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * What an operator sees of one certificate. Holds no key material.
 *
 * @param serialNumber hexadecimal, upper case
 * @param extendedKeyUsages display names ({@code serverAuth}, {@code clientAuth}, or the OID);
 *     empty when the certificate has no EKU extension
 * @param sha256Fingerprint upper-case hex pairs separated by ':'
 */
public record CertificateDetails(
    String subject,
    String issuer,
    String serialNumber,
    Instant notBefore,
    Instant notAfter,
    KeyStrength key,
    List<String> extendedKeyUsages,
    PresentedIdentifiers names,
    String sha256Fingerprint,
    boolean selfSigned) {

  public CertificateDetails {
    extendedKeyUsages = List.copyOf(extendedKeyUsages);
  }

  public static CertificateDetails of(X509Certificate certificate) {
    return new CertificateDetails(
        certificate.getSubjectX500Principal().getName(),
        certificate.getIssuerX500Principal().getName(),
        certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        KeyStrength.of(certificate.getPublicKey()),
        ExtendedKeyUsages.of(certificate).orElse(List.of()).stream()
            .map(ExtendedKeyUsages::displayName)
            .toList(),
        PresentedIdentifiers.of(certificate),
        sha256Fingerprint(certificate),
        ChainAssembler.isSelfSigned(certificate));
  }

  public static String sha256Fingerprint(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(
          "cannot fingerprint " + certificate.getSubjectX500Principal(), e);
    }
  }
}
