package io.fedgate.certstore.trust;

import io.fedgate.certstore.pki.ExtendedKeyUsages;
import io.fedgate.certstore.testkit.LeafSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the expected trust decision from a leaf's declared {@link LeafSpec} (never from the
 * certificate), citing the rule that decides. Written independently of {@link PeerTrust}.
 */
final class TrustOracle {
  /** The expected outcome: empty reason = trusted. */
  record Expected(Optional<RefusalReason> reason, String rule) {
    static Expected trusted(String rule) {
      return new Expected(Optional.empty(), rule);
    }

    static Expected refused(RefusalReason reason, String rule) {
      return new Expected(Optional.of(reason), rule);
    }
  }

  private TrustOracle() {}

  static Expected expect(
      LeafSpec spec, PeerRole role, Optional<ReferenceIdentity> name, Set<String> subjects) {
    switch (spec.issuer()) {
      case SELF -> {
        return Expected.refused(
            RefusalReason.UNTRUSTED_ROOT, "RFC 5280 §6.1: a self-signed leaf not in the store");
      }
      case UNKNOWN_INTERMEDIATE -> {
        return spec.presents() == LeafSpec.Presents.FULL_CHAIN
            ? Expected.refused(RefusalReason.UNTRUSTED_ROOT, "RFC 5280 §6.1: root not an anchor")
            : Expected.refused(RefusalReason.INCOMPLETE_CHAIN, "RFC 5280 §6.1: issuer unknown");
      }
      case KNOWN_INTERMEDIATE -> {
        if (spec.presents() == LeafSpec.Presents.LEAF_ONLY) {
          return Expected.refused(
              RefusalReason.INCOMPLETE_CHAIN,
              "RFC 5280 §6.1: intermediate neither sent nor trusted");
        }
      }
    }
    switch (spec.window()) {
      case EXPIRED -> {
        return Expected.refused(RefusalReason.EXPIRED, "RFC 5280 §6.1.3 (a)(2): after notAfter");
      }
      case NOT_YET_VALID -> {
        return Expected.refused(
            RefusalReason.NOT_YET_VALID, "RFC 5280 §6.1.3 (a)(2): before notBefore");
      }
      default -> {
        // VALID and EXPIRING_SOON are within their window
      }
    }
    String needed =
        role == PeerRole.CLIENT ? ExtendedKeyUsages.CLIENT_AUTH : ExtendedKeyUsages.SERVER_AUTH;
    if (spec.extendedKeyUsages().isPresent() && !spec.extendedKeyUsages().get().contains(needed)) {
      return Expected.refused(role.missingUsage(), "RFC 5280 §4.2.1.12: EKU lacks the purpose");
    }
    if (name.isPresent() && nameRule(spec, name.get()).isEmpty()) {
      return Expected.refused(
          RefusalReason.NAME_MISMATCH, "RFC 6125 §6: no presented identifier matches");
    }
    if (!subjects.isEmpty() && !listed(spec, subjects)) {
      return Expected.refused(
          RefusalReason.NOT_IN_PEER_SUBJECTS, "IM&P TLS peer subject: CN or SAN must be listed");
    }
    return Expected.trusted(name.flatMap(n -> nameRule(spec, n)).orElse("chain, EKU, subjects"));
  }

  /** Which rule makes the name match, or empty. */
  private static Optional<String> nameRule(LeafSpec spec, ReferenceIdentity reference) {
    String domain = reference.domain();
    for (String dns : spec.dnsNames()) {
      if (dns.equalsIgnoreCase(domain)) {
        return Optional.of("RFC 6125 §6.4.1 DNS-ID");
      }
      if (dns.startsWith("*.") && wildcardCovers(dns.substring(2), domain)) {
        return Optional.of("RFC 6125 §6.4.3 wildcard as the whole left-most label");
      }
    }
    if (reference.srvService().isPresent()
        && spec.srvIds().contains(reference.srvService().get() + "." + domain)) {
      return Optional.of("RFC 6125 §6.5.1 SRV-ID");
    }
    if (reference.acceptsXmppAddr() && spec.xmppAddrs().contains(domain)) {
      return Optional.of("RFC 6120 §13.7.1.4 XmppAddr");
    }
    boolean anySan =
        !spec.dnsNames().isEmpty() || !spec.srvIds().isEmpty() || !spec.xmppAddrs().isEmpty();
    if (!anySan && domain.equalsIgnoreCase(spec.commonName())) {
      return Optional.of("RFC 6125 §6.4.4 CN-ID, no SAN present");
    }
    return Optional.empty();
  }

  private static boolean wildcardCovers(String parent, String domain) {
    int dot = domain.indexOf('.');
    return dot > 0 && parent.contains(".") && domain.substring(dot + 1).equalsIgnoreCase(parent);
  }

  private static boolean listed(LeafSpec spec, Set<String> subjects) {
    List<String> names = new ArrayList<>(spec.dnsNames());
    names.add(spec.commonName());
    names.addAll(spec.ipAddresses());
    return names.stream()
        .anyMatch(n -> subjects.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals(n)));
  }
}
