package io.fedgate.acl.net;

import java.util.Optional;

/**
 * A CIDR block such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}.
 *
 * @param address the address as written (may have host bits set; see {@link #isNetworkAddress()})
 * @param prefix prefix length, 0..32 for IPv4, 0..128 for IPv6
 */
public record IpRange(IpAddress address, int prefix) {

  public IpRange {
    if (prefix < 0 || prefix > address.bitLength()) {
      throw new IllegalArgumentException("prefix /" + prefix + " out of range for " + address);
    }
  }

  /** Parses {@code address/prefix}; empty if either part is not valid. */
  public static Optional<IpRange> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      return Optional.empty();
    }
    Optional<IpAddress> address = IpAddress.parse(text.substring(0, slash));
    Optional<Integer> prefix = prefixLength(text.substring(slash + 1).trim());
    if (address.isEmpty() || prefix.isEmpty()) {
      return Optional.empty();
    }
    int bits = prefix.get();
    if (text.substring(0, slash).contains(":") && address.get().isV4()) {
      bits -= 96; // ::ffff:a.b.c.d/n was folded to IPv4
    }
    if (bits < 0 || bits > address.get().bitLength()) {
      return Optional.empty();
    }
    return Optional.of(new IpRange(address.get(), bits));
  }

  private static Optional<Integer> prefixLength(String s) {
    if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(s));
  }

  /** The first address of the block (host bits cleared). */
  public IpAddress network() {
    return address.masked(prefix);
  }

  /**
   * Whether the address was written without host bits ({@code 10.0.0.0/8}, not {@code 10.1.0.0/8}).
   */
  public boolean isNetworkAddress() {
    return address.equals(network());
  }

  /** Whether {@code ip} is in the block; an IPv4 block never contains an IPv6 address. */
  public boolean contains(IpAddress ip) {
    if (ip.isV4() != address.isV4()) {
      return false;
    }
    for (int i = 0; i < prefix; i++) {
      if (ip.bit(i) != address.bit(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return address + "/" + prefix;
  }
}
