package io.fedgate.certstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The names a node's identities must carry: its FQDN, the local (presence) domains it serves, and
 * the extra names its admin HTTPS endpoint is reached by.
 *
 * @param adminNames extra SANs of the {@code admin} identity besides the FQDN, e.g. {@code
 *     localhost}, {@code 127.0.0.1} or the admin listener's address (IP literals become iPAddress
 *     SANs in self-signed certificates)
 */
public record NodeNames(String fqdn, List<String> localDomains, List<String> adminNames) {
  public NodeNames {
    Objects.requireNonNull(fqdn, "fqdn");
    if (fqdn.isBlank()) {
      throw new IllegalArgumentException("the node FQDN must not be blank");
    }
    fqdn = fqdn.toLowerCase(Locale.ROOT);
    localDomains = localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).distinct().toList();
    adminNames = adminNames.stream().map(d -> d.toLowerCase(Locale.ROOT)).distinct().toList();
  }

  /** Names without extra admin names: the admin identity carries the FQDN only. */
  public NodeNames(String fqdn, List<String> localDomains) {
    this(fqdn, localDomains, List.of());
  }

  /**
   * The subjectAltName entries an identity of the store needs: the FQDN, plus every local domain
   * for {@code cup-xmpp} (XMPP peers check the domain, RFC 6120 §13.7.2.1) and the admin names for
   * {@code admin}.
   */
  public List<String> subjectAltNamesFor(StoreName store) {
    List<String> names = new ArrayList<>(List.of(fqdn));
    List<String> extra =
        switch (store) {
          case CUP_XMPP -> localDomains;
          case ADMIN -> adminNames;
          default -> List.of();
        };
    extra.stream().filter(d -> !names.contains(d)).forEach(names::add);
    return List.copyOf(names);
  }
}
