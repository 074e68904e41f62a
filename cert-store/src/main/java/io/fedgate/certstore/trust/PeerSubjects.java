package io.fedgate.certstore.trust;

import io.fedgate.certstore.pki.PresentedIdentifiers;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IM&P's TLS peer subject list (System > Security > TLS Peer Subjects): the names (FQDN or IP)
 * admitted on a peer-auth listener. A peer is admitted when one entry equals, ignoring case, the
 * subject CN or a DNS SAN of its certificate (or an IP SAN, for IP entries). No wildcard expansion:
 * a peer subject names one peer.
 *
 * <p>An empty list does not restrict: every peer with a trusted certificate is admitted (a TLS
 * context without peer subjects, as used for XMPP S2S).
 */
public record PeerSubjects(Set<String> names) {
  public PeerSubjects {
    Set<String> normalised = new LinkedHashSet<>();
    names.forEach(n -> normalised.add(DnsNames.normalise(n)));
    names = Set.copyOf(normalised);
  }

  public static PeerSubjects unrestricted() {
    return new PeerSubjects(Set.of());
  }

  public static PeerSubjects of(List<String> names) {
    return new PeerSubjects(new LinkedHashSet<>(names));
  }

  public boolean restricts() {
    return !names.isEmpty();
  }

  /** The presented name that is in the list, or empty. */
  public Optional<String> admitted(PresentedIdentifiers presented) {
    for (List<String> candidates :
        List.of(presented.commonNames(), presented.dnsNames(), presented.ipAddresses())) {
      for (String candidate : candidates) {
        if (names.contains(DnsNames.normalise(candidate))) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
