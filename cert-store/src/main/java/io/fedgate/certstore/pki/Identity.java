package io.fedgate.certstore.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain, leaf first. The key is held in memory only; it is
 * persisted sealed by a {@link KeyProtector}.
 */
public record Identity(PrivateKey privateKey, List<X509Certificate> chain) {
  public Identity {
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("an identity needs at least its leaf certificate");
    }
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "Identity[" + leaf().getSubjectX500Principal().getName() + "]";
  }
}
