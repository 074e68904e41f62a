package io.fedgate.certstore.trust;

import java.util.Objects;
import java.util.Optional;

/**
 * What a connection expects of the peer certificate besides a trusted chain.
 *
 * @param role the peer's side of the handshake (decides the EKU)
 * @param name the expected identity; empty for inbound connections, whose domain is not known at
 *     handshake time
 * @param subjects the TLS peer subject list; {@link PeerSubjects#unrestricted()} for none
 */
public record PeerExpectation(
    PeerRole role, Optional<ReferenceIdentity> name, PeerSubjects subjects) {
  public PeerExpectation {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(subjects, "subjects");
  }

  /** An inbound peer on a peer-auth listener. */
  public static PeerExpectation inbound(PeerSubjects subjects) {
    return new PeerExpectation(PeerRole.CLIENT, Optional.empty(), subjects);
  }

  /** An outbound connection to the expected identity. */
  public static PeerExpectation outbound(ReferenceIdentity name) {
    return new PeerExpectation(PeerRole.SERVER, Optional.of(name), PeerSubjects.unrestricted());
  }
}
