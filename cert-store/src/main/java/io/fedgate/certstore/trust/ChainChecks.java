package io.fedgate.certstore.trust;

import io.fedgate.certstore.pki.ChainPath;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The chain checks of {@link PeerTrust}: path structure, validity window and PKIX validation. */
final class ChainChecks {
  private ChainChecks() {}

  static Optional<Decision.Refused> structure(ChainPath path, String trustStore) {
    X509Certificate leaf = path.leaf();
    X509Certificate last = path.last();
    String lastName = PeerTrust.subject(last);
    return switch (path.end()) {
      case ANCHORED -> Optional.empty();
      case UNTRUSTED_ROOT ->
          Optional.of(
              PeerTrust.refused(
                  RefusalReason.UNTRUSTED_ROOT,
                  leaf,
                  "certificate '%s' chains to root '%s', which is not in %s; import that root into %s if the peer is a partner"
                      .formatted(PeerTrust.subject(leaf), lastName, trustStore, trustStore)));
      case MISSING_ISSUER ->
          Optional.of(
              PeerTrust.refused(
                  RefusalReason.INCOMPLETE_CHAIN,
                  leaf,
                  "the issuer '%s' of certificate '%s' was neither sent by the peer nor found in %s"
                      .formatted(last.getIssuerX500Principal().getName(), lastName, trustStore)));
      case BAD_SIGNATURE ->
          Optional.of(
              PeerTrust.refused(
                  RefusalReason.INVALID_CHAIN,
                  leaf,
                  "the signature of certificate '%s' does not verify with the key of any certificate named '%s'"
                      .formatted(lastName, last.getIssuerX500Principal().getName())));
    };
  }

  static Optional<Decision.Refused> validity(ChainPath path, Instant now) {
    for (X509Certificate certificate : path.certificates()) {
      Instant notBefore = certificate.getNotBefore().toInstant();
      Instant notAfter = certificate.getNotAfter().toInstant();
      if (now.isAfter(notAfter)) {
        return Optional.of(
            PeerTrust.refused(
                RefusalReason.EXPIRED,
                path.leaf(),
                "certificate '%s' expired at %s (now %s)"
                    .formatted(PeerTrust.subject(certificate), notAfter, now)));
      }
      if (now.isBefore(notBefore)) {
        return Optional.of(
            PeerTrust.refused(
                RefusalReason.NOT_YET_VALID,
                path.leaf(),
                "certificate '%s' is valid only from %s (now %s)"
                    .formatted(PeerTrust.subject(certificate), notBefore, now)));
      }
    }
    return Optional.empty();
  }

  /** PKIX (RFC 5280 §6.1) of the path below its anchor, revocation off, at the given instant. */
  static Optional<Decision.Refused> pkix(ChainPath path, Instant now) {
    List<X509Certificate> certificates = path.certificates();
    if (certificates.size() < 2) {
      return Optional.empty(); // the leaf itself is trusted (a pinned peer certificate)
    }
    X509Certificate anchor = certificates.get(certificates.size() - 1);
    try {
      var certPath =
          CertificateFactory.getInstance("X.509")
              .generateCertPath(certificates.subList(0, certificates.size() - 1));
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
      return Optional.empty();
    } catch (CertPathValidatorException e) {
      return Optional.of(
          PeerTrust.refused(
              RefusalReason.INVALID_CHAIN,
              path.leaf(),
              "the chain of '%s' does not validate: %s"
                  .formatted(PeerTrust.subject(path.leaf()), e.getMessage())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PKIX validation is not available", e);
    }
  }
}
