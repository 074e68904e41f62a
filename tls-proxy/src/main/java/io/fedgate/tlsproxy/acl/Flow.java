package io.fedgate.tlsproxy.acl;

import io.fedgate.acl.net.IpAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What an access list is asked about: the connecting peer, the real destination after PAT and, once
 * a SIP request was seen, the partner domain of its {@code From}.
 */
public record Flow(
    IpAddress source,
    int sourcePort,
    IpAddress destination,
    int destinationPort,
    Optional<String> partnerDomain) {
  public Flow {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(partnerDomain, "partnerDomain");
  }

  public Flow withDomain(String domain) {
    return new Flow(source, sourcePort, destination, destinationPort, Optional.of(domain));
  }
}
