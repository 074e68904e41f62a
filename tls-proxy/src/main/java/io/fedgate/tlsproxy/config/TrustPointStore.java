package io.fedgate.tlsproxy.config;

import io.fedgate.certstore.pki.Identity;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where the key material of trust points comes from: PEM files for the standalone runner, the
 * certificate stores in the appliance.
 */
public interface TrustPointStore {

  /**
   * The key and chain of an identity trust point.
   *
   * @throws IllegalStateException when the trust point has no usable identity
   */
  Identity identity(String trustPoint);

  /** The certificates a trust point contributes as trust anchors (its CA, or its own chain). */
  List<X509Certificate> certificates(String trustPoint);
}
