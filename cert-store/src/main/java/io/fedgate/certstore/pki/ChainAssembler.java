package io.fedgate.certstore.pki;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Assembles a path from a leaf through presented certificates to a trusted certificate, matching
 * issuer to subject name and checking each signature (RFC 5280 §6.1 inputs; the policy checks are
 * left to the PKIX validator). Any trusted certificate is an anchor, as in IM&P's trust stores
 * (roots, intermediates and pinned peer certificates alike).
 */
public final class ChainAssembler {
  private static final int MAX_DEPTH = 10;

  private ChainAssembler() {}

  public static ChainPath assemble(
      X509Certificate leaf,
      Collection<X509Certificate> presented,
      Collection<X509Certificate> trusted) {
    List<X509Certificate> path = new ArrayList<>(List.of(leaf));
    X509Certificate current = leaf;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      if (trusted.contains(current)) {
        return new ChainPath(path, ChainPath.End.ANCHORED);
      }
      if (isSelfSigned(current)) {
        return new ChainPath(path, ChainPath.End.UNTRUSTED_ROOT);
      }
      Optional<X509Certificate> issuer = nextIssuer(current, presented, trusted, path);
      if (issuer.isEmpty()) {
        boolean named = hasNamedIssuer(current, presented) || hasNamedIssuer(current, trusted);
        return new ChainPath(
            path, named ? ChainPath.End.BAD_SIGNATURE : ChainPath.End.MISSING_ISSUER);
      }
      current = issuer.get();
      path.add(current);
    }
    return new ChainPath(path, ChainPath.End.MISSING_ISSUER);
  }

  /** The certificate among the candidates whose subject is the issuer and whose key signed it. */
  public static Optional<X509Certificate> issuerOf(
      X509Certificate certificate, Collection<X509Certificate> candidates) {
    return candidates.stream()
        .filter(c -> c.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
        .filter(c -> verifies(certificate, c))
        .findFirst();
  }

  /** Issuer equals subject and the certificate's own key verifies its signature. */
  public static boolean isSelfSigned(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
        && verifies(certificate, certificate);
  }

  private static Optional<X509Certificate> nextIssuer(
      X509Certificate current,
      Collection<X509Certificate> presented,
      Collection<X509Certificate> trusted,
      List<X509Certificate> path) {
    Optional<X509Certificate> anchor = issuerOf(current, trusted);
    if (anchor.isPresent()) {
      return anchor;
    }
    return issuerOf(current, presented.stream().filter(c -> !path.contains(c)).toList());
  }

  private static boolean hasNamedIssuer(
      X509Certificate certificate, Collection<X509Certificate> candidates) {
    return candidates.stream()
        .anyMatch(c -> c.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()));
  }

  private static boolean verifies(X509Certificate certificate, X509Certificate issuer) {
    try {
      certificate.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
