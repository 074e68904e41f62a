package io.fedgate.tlsproxy.acl;

import java.util.List;
import java.util.Objects;

/** A named, ordered access list; first match wins, and no match is an implicit deny. */
public record AccessList(String name, List<AclEntry> entries) {
  public AccessList {
    Objects.requireNonNull(name, "name");
    entries = List.copyOf(entries);
  }

  /** Whether any entry waits for the SIP partner domain. */
  public boolean needsDomain() {
    return entries.stream().anyMatch(e -> e.partnerDomain().isPresent());
  }
}
