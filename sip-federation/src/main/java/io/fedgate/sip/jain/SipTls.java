package io.fedgate.sip.jain;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.trust.Decision;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.TrustedCertificates;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The TLS material of the SIP listeners and of outbound federation connections: the {@code cup}
 * identity, the {@code cup-trust} store, the TLS peer subjects of the peer-auth TLS context, and
 * the context's protocols and cipher suites.
 *
 * @param peerSubjects TLS peer subject names; empty = any trusted peer
 * @param decisions receives every certificate decision (logs, metrics)
 */
public record SipTls(
    Identity identity,
    TrustedCertificates trust,
    List<String> peerSubjects,
    List<String> protocols,
    List<String> cipherSuites,
    PeerTrust peerTrust,
    Consumer<Decision> decisions) {

  public SipTls {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(peerTrust, "peerTrust");
    Objects.requireNonNull(decisions, "decisions");
    peerSubjects = List.copyOf(peerSubjects);
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
  }
}
