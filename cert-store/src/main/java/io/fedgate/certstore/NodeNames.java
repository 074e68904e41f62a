package io.fedgate.certstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The names a node's identities must carry: its FQDN and the local (presence) domains it serves.
 */
public record NodeNames(String fqdn, List<String> localDomains) {
  public NodeNames {
    Objects.requireNonNull(fqdn, "fqdn");
    if (fqdn.isBlank()) {
      throw new IllegalArgumentException("the node FQDN must not be blank");
    }
    fqdn = fqdn.toLowerCase(Locale.ROOT);
    localDomains = localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).distinct().toList();
  }

  /**
   * The subjectAltName DNS names an identity of the store needs: the FQDN, plus every local domain
   * for {@code cup-xmpp} (XMPP peers check the domain, RFC 6120 §13.7.2.1).
   */
  public List<String> subjectAltNamesFor(StoreName store) {
    List<String> names = new ArrayList<>(List.of(fqdn));
    if (store == StoreName.CUP_XMPP) {
      localDomains.stream().filter(d -> !d.equals(fqdn)).forEach(names::add);
    }
    return List.copyOf(names);
  }
}
