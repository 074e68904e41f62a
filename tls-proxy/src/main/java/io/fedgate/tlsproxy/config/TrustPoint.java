package io.fedgate.tlsproxy.config;

import java.util.Objects;
import java.util.Optional;

/**
 * An ASA {@code crypto ca trustpoint}: a named certificate, with its own key pair when it is an
 * identity ("server/client trust-point" of a proxy instance), or a CA / peer certificate that other
 * legs trust. Where the key and certificates come from is not part of the model: the standalone
 * runner reads PEM files named in its config file, the appliance maps trust points to its stores.
 *
 * @param enrollment {@code self} (self-signed on the box) or {@code terminal} (pasted / imported)
 * @param fqdn the {@code fqdn} line (empty = {@code fqdn none})
 * @param subjectName the {@code subject-name} line, e.g. {@code cn=192.0.2.10}; may be empty
 * @param keypair the {@code keypair} label; empty for a CA-only trust point
 */
public record TrustPoint(
    String name, Enrollment enrollment, String fqdn, String subjectName, Optional<String> keypair) {

  /** How the ASA obtained the certificate. */
  public enum Enrollment {
    SELF,
    TERMINAL
  }

  public TrustPoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(enrollment, "enrollment");
    fqdn = fqdn == null ? "" : fqdn;
    subjectName = subjectName == null ? "" : subjectName;
    Objects.requireNonNull(keypair, "keypair");
  }

  /** Whether the trust point holds an identity (a key pair) rather than a trusted certificate. */
  public boolean isIdentity() {
    return keypair.isPresent();
  }
}
