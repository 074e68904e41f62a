package io.fedgate.certstore.pki;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certification path assembled from a leaf towards a root, leaf first, and how it ended.
 *
 * @param certificates the path, leaf first; includes the anchor when {@link End#ANCHORED}
 * @param end why assembly stopped
 */
public record ChainPath(List<X509Certificate> certificates, End end) {
  public ChainPath {
    certificates = List.copyOf(certificates);
  }

  /** How assembly stopped. */
  public enum End {
    /** The last certificate is one of the trusted certificates. */
    ANCHORED,
    /** The last certificate is a self-signed root that is not trusted. */
    UNTRUSTED_ROOT,
    /** The issuer of the last certificate was neither presented nor trusted. */
    MISSING_ISSUER,
    /** A certificate with the issuer's name was found, but its key did not sign the last one. */
    BAD_SIGNATURE
  }

  public X509Certificate leaf() {
    return certificates.get(0);
  }

  public X509Certificate last() {
    return certificates.get(certificates.size() - 1);
  }
}
