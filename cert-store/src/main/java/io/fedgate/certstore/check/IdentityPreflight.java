package io.fedgate.certstore.check;

import io.fedgate.certstore.NodeNames;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.ChainAssembler;
import io.fedgate.certstore.pki.ChainPath;
import io.fedgate.certstore.pki.ExtendedKeyUsages;
import io.fedgate.certstore.pki.KeyStrength;
import io.fedgate.certstore.pki.PresentedIdentifiers;
import io.fedgate.certstore.trust.DnsNames;
import io.fedgate.certstore.trust.IdentityMatcher;
import io.fedgate.certstore.trust.ReferenceIdentity;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an identity before it is used: SAN coverage of the node FQDN (and of every local domain
 * for {@code cup-xmpp}), both EKUs (serverAuth only for {@code admin}), key size, the validity
 * window of every certificate of the chain, and a chain complete to the matching trust store.
 */
public final class IdentityPreflight {
  /** Certificates expiring within this window get an EXPIRING_SOON warning. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  private final Clock clock;

  public IdentityPreflight(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param chain the identity's chain, leaf first
   * @param trusted the certificates of the store's trust store (empty for {@code admin})
   */
  public PreflightReport check(
      StoreName store,
      List<X509Certificate> chain,
      NodeNames names,
      List<X509Certificate> trusted) {
    X509Certificate leaf = chain.get(0);
    List<Finding> findings = new ArrayList<>();
    names(store, leaf, names, findings);
    usages(store, leaf, findings);
    KeyStrength key = KeyStrength.of(leaf.getPublicKey());
    if (!key.acceptable()) {
      findings.add(
          Finding.error(
              FindingCode.WEAK_KEY,
              "'%s' has a %s key; fedgate needs RSA >= %d or EC >= %d"
                  .formatted(
                      subject(leaf), key, KeyStrength.MIN_RSA_BITS, KeyStrength.MIN_EC_BITS)));
    }
    chain.forEach(c -> validity(c, clock.instant(), findings));
    chain(store, leaf, chain, trusted, findings);
    return new PreflightReport(findings);
  }

  private static void names(
      StoreName store, X509Certificate leaf, NodeNames names, List<Finding> findings) {
    PresentedIdentifiers presented = PresentedIdentifiers.of(leaf);
    if (presented.dnsNames().stream().noneMatch(d -> DnsNames.matches(d, names.fqdn()))) {
      findings.add(
          Finding.error(
              FindingCode.SAN_MISSING_NODE_FQDN,
              "no DNS SAN of '%s' covers the node FQDN '%s' (SANs: %s)"
                  .formatted(subject(leaf), names.fqdn(), presented.dnsNames())));
    }
    if (store != StoreName.CUP_XMPP) {
      return;
    }
    for (String domain : names.localDomains()) {
      if (IdentityMatcher.match(presented, ReferenceIdentity.xmppServer(domain)).isEmpty()) {
        findings.add(
            Finding.error(
                FindingCode.SAN_MISSING_LOCAL_DOMAIN,
                "'%s' does not name the local domain '%s'; XMPP partners will refuse it (SANs: %s)"
                    .formatted(subject(leaf), domain, presented.dnsNames())));
      }
    }
  }

  private static void usages(StoreName store, X509Certificate leaf, List<Finding> findings) {
    if (!ExtendedKeyUsages.names(leaf, ExtendedKeyUsages.SERVER_AUTH)) {
      findings.add(
          Finding.error(
              FindingCode.MISSING_SERVER_AUTH_EKU,
              "'%s' does not name serverAuth in its EKU".formatted(subject(leaf))));
    }
    if (store != StoreName.ADMIN && !ExtendedKeyUsages.names(leaf, ExtendedKeyUsages.CLIENT_AUTH)) {
      findings.add(
          Finding.error(
              FindingCode.MISSING_CLIENT_AUTH_EKU,
              "'%s' does not name clientAuth in its EKU; federation peers refuse it when we connect"
                  .formatted(subject(leaf))));
    }
  }

  private static void validity(X509Certificate certificate, Instant now, List<Finding> findings) {
    Instant notBefore = certificate.getNotBefore().toInstant();
    Instant notAfter = certificate.getNotAfter().toInstant();
    if (now.isBefore(notBefore)) {
      findings.add(
          Finding.error(
              FindingCode.NOT_YET_VALID,
              "'%s' is valid only from %s".formatted(subject(certificate), notBefore)));
    } else if (now.isAfter(notAfter)) {
      findings.add(
          Finding.error(
              FindingCode.EXPIRED, "'%s' expired at %s".formatted(subject(certificate), notAfter)));
    } else if (now.plus(EXPIRY_WARNING).isAfter(notAfter)) {
      findings.add(
          Finding.warning(
              FindingCode.EXPIRING_SOON,
              "'%s' expires at %s, in %d days"
                  .formatted(
                      subject(certificate), notAfter, Duration.between(now, notAfter).toDays())));
    }
  }

  private static void chain(
      StoreName store,
      X509Certificate leaf,
      List<X509Certificate> chain,
      List<X509Certificate> trusted,
      List<Finding> findings) {
    ChainPath path = ChainAssembler.assemble(leaf, chain.subList(1, chain.size()), trusted);
    String trustStore = store.trustStore().map(StoreName::storeName).orElse("a trust store");
    String last = subject(path.last());
    switch (path.end()) {
      case ANCHORED -> {}
      case UNTRUSTED_ROOT -> {
        if (path.certificates().size() == 1) {
          findings.add(
              Finding.warning(
                  FindingCode.SELF_SIGNED,
                  "'%s' is self-signed; every partner must import it into its trust store"
                      .formatted(last)));
        } else if (store.trustStore().isPresent()) {
          findings.add(
              Finding.warning(
                  FindingCode.ROOT_NOT_IN_TRUST_STORE,
                  "the root '%s' is not in %s".formatted(last, trustStore)));
        }
      }
      case MISSING_ISSUER ->
          findings.add(
              Finding.error(
                  FindingCode.INCOMPLETE_CHAIN,
                  "the issuer '%s' of '%s' is neither in the chain nor in %s"
                      .formatted(
                          path.last().getIssuerX500Principal().getName(), last, trustStore)));
      case BAD_SIGNATURE ->
          findings.add(
              Finding.error(
                  FindingCode.BROKEN_CHAIN,
                  "'%s' is not signed by the certificate named as its issuer".formatted(last)));
    }
  }

  private static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }
}
