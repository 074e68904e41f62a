package io.fedgate.tlsproxy.asa;

import io.fedgate.acl.net.IpAddress;
import io.fedgate.acl.net.IpRange;
import io.fedgate.tlsproxy.acl.AclEntry;
import io.fedgate.tlsproxy.acl.AddressMatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The ASA spellings shared by export and import: access-list entries, masks, cipher names. */
public final class AsaFormat {
  /** ASA {@code client cipher-suite} names and the JDK suites they stand for. */
  static final Map<String, String> CIPHERS = new LinkedHashMap<>();

  static {
    CIPHERS.put("aes128-sha1", "TLS_RSA_WITH_AES_128_CBC_SHA");
    CIPHERS.put("aes256-sha1", "TLS_RSA_WITH_AES_256_CBC_SHA");
    CIPHERS.put("dhe-aes128-sha1", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
    CIPHERS.put("dhe-aes256-sha1", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA");
    CIPHERS.put("3des-sha1", "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    CIPHERS.put("rc4-sha1", "TLS_RSA_WITH_RC4_128_SHA");
    CIPHERS.put("des-sha1", "SSL_RSA_WITH_DES_CBC_SHA");
    CIPHERS.put("null-sha1", "TLS_RSA_WITH_NULL_SHA");
  }

  private AsaFormat() {}

  /**
   * {@code permit tcp any host 10.0.0.1 eq 5062} (without the {@code access-list NAME extended}).
   */
  public static String aclEntry(AclEntry entry) {
    return entry.action().name().toLowerCase(java.util.Locale.ROOT)
        + " tcp "
        + address(entry.source())
        + port(entry.sourcePort())
        + " "
        + address(entry.destination())
        + port(entry.destinationPort());
  }

  static String address(AddressMatch match) {
    if (match.range().isEmpty()) {
      return "any";
    }
    IpRange range = match.range().get();
    if (match.isHost()) {
      return "host " + range.address();
    }
    if (range.address().isV4()) {
      return range.address() + " " + mask(range.prefix());
    }
    return range.toString();
  }

  private static String port(OptionalInt port) {
    return port.isPresent() ? " eq " + port.getAsInt() : "";
  }

  static String mask(int prefix) {
    long bits = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return (bits >> 24)
        + "."
        + ((bits >> 16) & 255)
        + "."
        + ((bits >> 8) & 255)
        + "."
        + (bits & 255);
  }

  /** The prefix length of a contiguous dotted mask, or empty. */
  static OptionalInt prefix(String mask) {
    Optional<IpAddress> ip = IpAddress.parse(mask);
    if (ip.isEmpty() || !ip.get().isV4()) {
      return OptionalInt.empty();
    }
    long bits = 0;
    for (byte b : ip.get().bytes()) {
      bits = (bits << 8) | (b & 0xFF);
    }
    int prefix = Long.bitCount(bits);
    return mask(prefix).equals(mask) ? OptionalInt.of(prefix) : OptionalInt.empty();
  }
}
