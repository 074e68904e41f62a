package io.fedgate.tlsproxy.acl;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code access-list NAME extended permit|deny tcp SRC [eq P] DST [eq P]} line. ASA 8.3+
 * semantics: the destination is the real (inside or partner) address and port after static PAT.
 *
 * @param partnerDomain fedgate's addition for SIP: the entry matches only requests whose {@code
 *     From} domain is this domain or below it
 */
public record AclEntry(
    Action action,
    AddressMatch source,
    OptionalInt sourcePort,
    AddressMatch destination,
    OptionalInt destinationPort,
    Optional<String> partnerDomain) {

  /** What a matching entry decides. */
  public enum Action {
    PERMIT,
    DENY
  }

  public AclEntry {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourcePort, "sourcePort");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(destinationPort, "destinationPort");
    partnerDomain = partnerDomain.map(d -> d.toLowerCase(java.util.Locale.ROOT));
  }

  /** Whether the addresses and ports of the flow match (the domain is checked apart). */
  boolean matchesAddresses(Flow flow) {
    return source.matches(flow.source())
        && destination.matches(flow.destination())
        && (sourcePort.isEmpty() || sourcePort.getAsInt() == flow.sourcePort())
        && (destinationPort.isEmpty() || destinationPort.getAsInt() == flow.destinationPort());
  }

  boolean matchesDomain(String domain) {
    String wanted = partnerDomain.orElseThrow();
    String seen = domain.toLowerCase(java.util.Locale.ROOT);
    return seen.equals(wanted) || seen.endsWith("." + wanted);
  }
}
