package io.fedgate.certstore.trust;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificates of one trust store ({@code cup-trust}, {@code cup-xmpp-trust}), each one an
 * anchor: a root, an intermediate or a pinned peer certificate.
 *
 * @param storeName named in refusals, e.g. {@code cup-trust}
 */
public record TrustedCertificates(String storeName, List<X509Certificate> certificates) {
  public TrustedCertificates {
    certificates = List.copyOf(certificates);
  }
}
