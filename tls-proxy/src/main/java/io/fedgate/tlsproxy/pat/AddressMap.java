package io.fedgate.tlsproxy.pat;

import io.fedgate.acl.net.IpAddress;
import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.PatMapping;
import io.fedgate.tlsproxy.config.Side;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The static PAT table as SIP inspection reads it: an address and port seen on one side, as the
 * other side must see it. Addresses are compared as IP values ({@code 10.0.0.1} and {@code
 * ::ffff:10.0.0.1} are one address); DNS names are never translated.
 */
public final class AddressMap {
  private final List<PatMapping> mappings;

  public AddressMap(List<PatMapping> mappings) {
    this.mappings = List.copyOf(mappings);
  }

  /**
   * The translation of {@code host[:port]} written by the {@code from} side, for the other side.
   * With a port, only the exact mapping applies; without one, the first mapping of the address (the
   * host is translated, no port is added).
   */
  public Optional<Endpoint> translate(Side from, String host, OptionalInt port) {
    Optional<IpAddress> ip = IpAddress.parse(host);
    if (ip.isEmpty()) {
      return Optional.empty();
    }
    for (PatMapping mapping : mappings) {
      Endpoint seen = mapping.on(from);
      if (!IpAddress.parse(seen.address()).equals(ip)) {
        continue;
      }
      if (port.isPresent() && port.getAsInt() != seen.port()) {
        continue;
      }
      return Optional.of(mapping.on(from.other()));
    }
    return Optional.empty();
  }

  /** The address only (SDP {@code c=} and {@code o=} lines). */
  public Optional<String> translateAddress(Side from, String host) {
    return translate(from, host, OptionalInt.empty()).map(Endpoint::address);
  }

  public boolean isEmpty() {
    return mappings.isEmpty();
  }
}
