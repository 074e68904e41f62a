package io.fedgate.acl.policy;

import io.fedgate.acl.net.DomainName;
import java.util.Optional;

/**
 * A compiled exception domain: exact, or {@code *.domain} covering the domain and its subdomains.
 *
 * @param domain the domain
 * @param wildcard whether subdomains are covered
 */
record DomainPattern(DomainName domain, boolean wildcard) {

  static Optional<DomainPattern> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    boolean wildcard = s.startsWith("*.");
    return DomainName.parse(wildcard ? s.substring(2) : s).map(d -> new DomainPattern(d, wildcard));
  }

  boolean matches(DomainName name) {
    return wildcard ? domain.isSameOrParentOf(name) : domain.equals(name);
  }

  /** Exact patterns first, then wildcards with more labels. */
  int specificity() {
    return wildcard ? domain.labelCount() : Integer.MAX_VALUE;
  }

  @Override
  public String toString() {
    return (wildcard ? "*." : "") + domain;
  }
}
