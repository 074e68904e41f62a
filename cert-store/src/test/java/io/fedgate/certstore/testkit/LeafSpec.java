package io.fedgate.certstore.testkit;

import java.util.List;
import java.util.Optional;

/**
 * The declared properties of a test leaf. The certificate is built from them, and test oracles read
 * them (never the certificate) to compute the expected outcome.
 *
 * @param extendedKeyUsages empty for a certificate without the EKU extension
 */
public record LeafSpec(
    String commonName,
    List<String> dnsNames,
    List<String> ipAddresses,
    List<String> srvIds,
    List<String> xmppAddrs,
    Optional<List<String>> extendedKeyUsages,
    Window window,
    Issuer issuer,
    Presents presents) {

  /** The validity window relative to {@link TestPki#NOW}. */
  public enum Window {
    VALID,
    EXPIRED,
    NOT_YET_VALID,
    EXPIRING_SOON
  }

  /** Who signs the leaf. */
  public enum Issuer {
    /** The known intermediate, under the root of the trust store. */
    KNOWN_INTERMEDIATE,
    /** An intermediate under a root the trust store does not hold. */
    UNKNOWN_INTERMEDIATE,
    /** The leaf's own key. */
    SELF
  }

  /** What the peer sends in its Certificate message. */
  public enum Presents {
    FULL_CHAIN,
    WITHOUT_ROOT,
    LEAF_ONLY
  }

  public LeafSpec {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    srvIds = List.copyOf(srvIds);
    xmppAddrs = List.copyOf(xmppAddrs);
    extendedKeyUsages = extendedKeyUsages.map(List::copyOf);
  }

  CertificateBuilder toBuilder() {
    CertificateBuilder builder =
        CertificateBuilder.leaf(commonName)
            .dns(dnsNames.toArray(String[]::new))
            .ip(ipAddresses.toArray(String[]::new))
            .srvId(srvIds.toArray(String[]::new))
            .xmppAddr(xmppAddrs.toArray(String[]::new));
    if (extendedKeyUsages.isPresent()) {
      builder.extendedKeyUsages(extendedKeyUsages.get().toArray(String[]::new));
    } else {
      builder.noExtendedKeyUsage();
    }
    return switch (window) {
      case VALID -> builder;
      case EXPIRED -> builder.expired();
      case NOT_YET_VALID -> builder.notYetValid();
      case EXPIRING_SOON -> builder.expiringSoon();
    };
  }
}
