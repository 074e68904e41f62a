package io.fedgate.acl.policy;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.AclProblem.Code;
import io.fedgate.acl.net.DomainName;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A domain cannot be both SIP-federated and an XMPP federation partner (IM&amp;P: delete the SIP
 * entry before switching the domain to XMPP). Names are compared in normal form; names that are not
 * DNS names are left to the validation of their own lists.
 */
public final class FederationOverlap {

  private FederationOverlap() {}

  /** One problem per domain present in both collections, in alphabetical order. */
  public static List<AclProblem> check(
      Collection<String> sipFederatedDomains, Collection<String> xmppPartnerDomains) {
    Set<String> sip = normalized(sipFederatedDomains);
    Set<String> both = new TreeSet<>(normalized(xmppPartnerDomains));
    both.retainAll(sip);
    return both.stream()
        .map(
            d ->
                new AclProblem(
                    "domain",
                    Code.DOMAIN_BOTH_SIP_AND_XMPP,
                    d
                        + " is both a SIP federated domain and an XMPP federation partner;"
                        + " delete the SIP federated domain before federating it over XMPP"))
        .toList();
  }

  private static Set<String> normalized(Collection<String> names) {
    return names.stream()
        .map(DomainName::parse)
        .flatMap(Optional::stream)
        .map(DomainName::value)
        .collect(Collectors.toSet());
  }
}
