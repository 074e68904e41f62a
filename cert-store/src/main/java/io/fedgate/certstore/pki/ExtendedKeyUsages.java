package io.fedgate.certstore.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** The extended key usages of a certificate (RFC 5280 §4.2.1.12). */
public final class ExtendedKeyUsages {
  public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  public static final String ANY = "2.5.29.37.0";

  private ExtendedKeyUsages() {}

  /** The EKU OIDs, or empty when the certificate has no EKU extension (any purpose). */
  public static Optional<List<String>> of(X509Certificate certificate) {
    try {
      List<String> usages = certificate.getExtendedKeyUsage();
      return usages == null ? Optional.empty() : Optional.of(List.copyOf(usages));
    } catch (CertificateParsingException e) {
      return Optional.of(List.of());
    }
  }

  /**
   * Whether the certificate may be used for the purpose: the EKU lists it or anyExtendedKeyUsage,
   * or the certificate has no EKU extension at all (RFC 5280 §4.2.1.12).
   */
  public static boolean permits(X509Certificate certificate, String purposeOid) {
    return of(certificate).map(u -> u.contains(purposeOid) || u.contains(ANY)).orElse(true);
  }

  /** Whether the EKU extension is present and names the purpose explicitly. */
  public static boolean names(X509Certificate certificate, String purposeOid) {
    return of(certificate).map(u -> u.contains(purposeOid)).orElse(false);
  }

  /** "serverAuth", "clientAuth", "anyExtendedKeyUsage" or the OID itself. */
  public static String displayName(String oid) {
    return switch (oid) {
      case SERVER_AUTH -> "serverAuth";
      case CLIENT_AUTH -> "clientAuth";
      case ANY -> "anyExtendedKeyUsage";
      default -> oid;
    };
  }
}
