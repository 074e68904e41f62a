package io.fedgate.certstore.trust;

import io.fedgate.certstore.pki.ChainAssembler;
import io.fedgate.certstore.pki.ChainPath;
import io.fedgate.certstore.pki.ExtendedKeyUsages;
import io.fedgate.certstore.pki.PresentedIdentifiers;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a peer certificate chain is trusted for a federation link. Checks, in order, and
 * answers the first failure:
 *
 * <ol>
 *   <li>a chain from the leaf to a certificate of the trust store (UNTRUSTED_ROOT,
 *       INCOMPLETE_CHAIN, INVALID_CHAIN), validated by PKIX (RFC 5280 §6) without revocation;
 *   <li>the validity of every certificate of the path at the clock's instant (EXPIRED,
 *       NOT_YET_VALID);
 *   <li>the leaf's EKU for the peer's role (MISSING_CLIENT_AUTH_EKU, MISSING_SERVER_AUTH_EKU);
 *   <li>the expected identity, RFC 6125 §6 (NAME_MISMATCH);
 *   <li>the TLS peer subject list (NOT_IN_PEER_SUBJECTS).
 * </ol>
 *
 * Pure apart from the injected clock: no I/O, no logging.
 */
public final class PeerTrust {
  private final Clock clock;

  public PeerTrust(Clock clock) {
    this.clock = clock;
  }

  public Decision decide(
      List<X509Certificate> chain, TrustedCertificates trust, PeerExpectation expectation) {
    if (chain.isEmpty()) {
      return new Decision.Refused(
          RefusalReason.NO_CERTIFICATE, "", "the peer presented no certificate");
    }
    X509Certificate leaf = chain.get(0);
    String peer = leaf.getSubjectX500Principal().getName();
    ChainPath path =
        ChainAssembler.assemble(leaf, chain.subList(1, chain.size()), trust.certificates());
    PresentedIdentifiers presented = PresentedIdentifiers.of(leaf);
    Instant now = clock.instant();
    Optional<Decision.Refused> refusal =
        ChainChecks.structure(path, trust.storeName())
            .or(() -> ChainChecks.validity(path, now))
            .or(() -> ChainChecks.pkix(path, now))
            .or(() -> usage(leaf, expectation.role()))
            .or(() -> name(leaf, presented, expectation))
            .or(() -> subjects(leaf, presented, expectation.subjects()));
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return new Decision.Trusted(peer, trustedDetail(path, presented, expectation));
  }

  private static Optional<Decision.Refused> usage(X509Certificate leaf, PeerRole role) {
    if (ExtendedKeyUsages.permits(leaf, role.requiredUsage())) {
      return Optional.empty();
    }
    String needed = ExtendedKeyUsages.displayName(role.requiredUsage());
    List<String> present =
        ExtendedKeyUsages.of(leaf).orElse(List.of()).stream()
            .map(ExtendedKeyUsages::displayName)
            .toList();
    return Optional.of(
        refused(
            role.missingUsage(),
            leaf,
            "certificate '%s' does not allow %s (its EKUs: %s); a federation peer %s needs %s"
                .formatted(
                    subject(leaf),
                    needed,
                    present,
                    role == PeerRole.CLIENT ? "connecting to us" : "we connect to",
                    needed)));
  }

  private static Optional<Decision.Refused> name(
      X509Certificate leaf, PresentedIdentifiers presented, PeerExpectation expectation) {
    if (expectation.name().isEmpty()) {
      return Optional.empty();
    }
    ReferenceIdentity expected = expectation.name().get();
    if (IdentityMatcher.match(presented, expected).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        refused(
            RefusalReason.NAME_MISMATCH,
            leaf,
            "certificate '%s' does not name the expected %s; it presents DNS %s, SRV %s, XmppAddr %s, CN %s"
                .formatted(
                    subject(leaf),
                    expected.describe(),
                    presented.dnsNames(),
                    presented.srvNames(),
                    presented.xmppAddrs(),
                    presented.commonNames())));
  }

  private static Optional<Decision.Refused> subjects(
      X509Certificate leaf, PresentedIdentifiers presented, PeerSubjects subjects) {
    if (!subjects.restricts() || subjects.admitted(presented).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        refused(
            RefusalReason.NOT_IN_PEER_SUBJECTS,
            leaf,
            "neither the CN %s nor the SANs %s of certificate '%s' is a TLS peer subject %s"
                .formatted(
                    presented.commonNames(),
                    presented.dnsNames(),
                    subject(leaf),
                    subjects.names().stream().sorted().toList())));
  }

  private static String trustedDetail(
      ChainPath path, PresentedIdentifiers presented, PeerExpectation expectation) {
    StringBuilder detail =
        new StringBuilder("anchored at '").append(subject(path.last())).append('\'');
    expectation
        .name()
        .flatMap(n -> IdentityMatcher.match(presented, n))
        .ifPresent(m -> detail.append(", name matched by ").append(m));
    expectation
        .subjects()
        .admitted(presented)
        .ifPresent(s -> detail.append(", peer subject ").append(s));
    return detail.toString();
  }

  static Decision.Refused refused(RefusalReason reason, X509Certificate leaf, String detail) {
    return new Decision.Refused(reason, subject(leaf), detail);
  }

  static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }
}
