package io.fedgate.tlsproxy.netty;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.tlsproxy.config.TrustPointStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Trust points of the tests: identities and anchors from the test PKI, by name. */
final class MapTrustPoints implements TrustPointStore {
  private final Map<String, Identity> identities = new HashMap<>();
  private final Map<String, List<X509Certificate>> anchors = new HashMap<>();

  MapTrustPoints identity(String name, Identity identity) {
    identities.put(name, identity);
    return this;
  }

  MapTrustPoints anchors(String name, List<X509Certificate> certificates) {
    anchors.put(name, certificates);
    return this;
  }

  @Override
  public Identity identity(String trustPoint) {
    Identity identity = identities.get(trustPoint);
    if (identity == null) {
      throw new IllegalStateException("no identity " + trustPoint);
    }
    return identity;
  }

  @Override
  public List<X509Certificate> certificates(String trustPoint) {
    return anchors.getOrDefault(trustPoint, List.of());
  }
}
