package io.fedgate.acl.net;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address, parsed from its literal without any DNS look-up. IPv4-mapped IPv6
 * addresses ({@code ::ffff:192.0.2.1}, as seen on dual-stack sockets) are folded to IPv4 so that
 * IPv4 ACL entries match them.
 */
public final class IpAddress {

  private final byte[] bytes;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * From raw bytes, e.g. {@code InetAddress.getAddress()} of a connected socket.
   *
   * @throws IllegalArgumentException unless there are 4 or 16 bytes
   */
  public static IpAddress fromBytes(byte[] raw) {
    if (raw.length != 4 && raw.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + raw.length);
    }
    return new IpAddress(fold(raw.clone()));
  }

  /** Parses an IPv4 dotted quad or an IPv6 literal (brackets allowed, no zone id). */
  public static Optional<IpAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    if (s.length() > 2 && s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    byte[] raw = s.contains(":") ? IpLiteral.parseV6(s) : IpLiteral.parseV4(s);
    return raw == null ? Optional.empty() : Optional.of(new IpAddress(fold(raw)));
  }

  private static byte[] fold(byte[] raw) {
    if (raw.length != 16) {
      return raw;
    }
    for (int i = 0; i < 10; i++) {
      if (raw[i] != 0) {
        return raw;
      }
    }
    if (raw[10] == (byte) 0xff && raw[11] == (byte) 0xff) {
      return Arrays.copyOfRange(raw, 12, 16);
    }
    return raw;
  }

  /** Whether this is an IPv4 address (after folding IPv4-mapped IPv6). */
  public boolean isV4() {
    return bytes.length == 4;
  }

  /** Number of bits: 32 or 128. */
  public int bitLength() {
    return bytes.length * 8;
  }

  /** A copy of the address bytes (4 or 16). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Bit {@code index} (0 = most significant). */
  boolean bit(int index) {
    return (bytes[index / 8] & (0x80 >>> (index % 8))) != 0;
  }

  /** The address with every bit after {@code prefix} cleared. */
  IpAddress masked(int prefix) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return new IpAddress(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Dotted quad, or RFC 5952 text for IPv6 (lower case, longest zero run compressed). */
  @Override
  public String toString() {
    return isV4() ? IpLiteral.formatV4(bytes) : IpLiteral.formatV6(bytes);
  }
}
