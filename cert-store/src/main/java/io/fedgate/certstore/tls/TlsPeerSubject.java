package io.fedgate.certstore.tls;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code tls_peer_subject}: a peer name (FQDN or IP) that must equal the CN or a SAN of
 * the certificate the peer presents (IM&P System > Security > TLS Peer Subjects).
 */
public record TlsPeerSubject(String subjectName, String description, Instant createdAt) {
  public TlsPeerSubject {
    Objects.requireNonNull(subjectName, "subjectName");
    Objects.requireNonNull(createdAt, "createdAt");
    description = description == null ? "" : description;
    if (subjectName.isBlank() || subjectName.length() > 255 || subjectName.contains(" ")) {
      throw new IllegalArgumentException("a peer subject is an FQDN or an IP address");
    }
  }
}
