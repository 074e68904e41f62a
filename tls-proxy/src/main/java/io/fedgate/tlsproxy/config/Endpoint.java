package io.fedgate.tlsproxy.config;

import java.util.Objects;
import java.util.Optional;

/**
 * An IP address (literal, never resolved) and a TCP port.
 *
 * @param address an IPv4 or IPv6 literal as written
 */
public record Endpoint(String address, int port) {
  public Endpoint {
    Objects.requireNonNull(address, "address");
  }

  /** Parses {@code 192.0.2.1:5061} or {@code [2001:db8::1]:5061}; syntax only. */
  public static Optional<Endpoint> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      return Optional.empty();
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return Optional.of(new Endpoint(host, Integer.parseInt(s.substring(colon + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
