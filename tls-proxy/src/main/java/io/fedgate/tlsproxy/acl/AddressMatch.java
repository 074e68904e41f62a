package io.fedgate.tlsproxy.acl;

import io.fedgate.acl.net.IpAddress;
import io.fedgate.acl.net.IpRange;
import java.util.Optional;

/**
 * The address part of an access-list entry: {@code any}, {@code host A} or a network.
 *
 * @param range empty for {@code any}
 */
public record AddressMatch(Optional<IpRange> range) {
  public static final AddressMatch ANY = new AddressMatch(Optional.empty());

  public static AddressMatch of(IpRange range) {
    return new AddressMatch(Optional.of(range));
  }

  /** {@code any}, an address ({@code host}) or a CIDR range; empty if none of these. */
  public static Optional<AddressMatch> parse(String text) {
    if ("any".equalsIgnoreCase(text.trim())) {
      return Optional.of(ANY);
    }
    if (!text.contains("/")) {
      return IpAddress.parse(text).map(ip -> AddressMatch.of(new IpRange(ip, ip.bitLength())));
    }
    return IpRange.parse(text).filter(IpRange::isNetworkAddress).map(AddressMatch::of);
  }

  public boolean matches(IpAddress address) {
    return range.isEmpty() || range.get().contains(address);
  }

  /** Whether this is a single address. */
  public boolean isHost() {
    return range.isPresent() && range.get().prefix() == range.get().address().bitLength();
  }

  @Override
  public String toString() {
    if (range.isEmpty()) {
      return "any";
    }
    return isHost() ? range.get().address().toString() : range.get().toString();
  }
}
