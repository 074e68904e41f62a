package io.fedgate.xmpp.dns;

import java.util.Locale;
import java.util.Objects;

/**
 * Where to connect for a domain: one SRV target, the RFC 6120 §3.2.2 fallback, or an operator
 * override.
 *
 * @param host a host name or IP literal, without the trailing dot
 * @param port TCP port
 * @param directTls XEP-0368: TLS from the first byte ({@code _xmpps-server}), else STARTTLS
 * @param priority SRV priority (lower first); 0 for fallbacks and overrides
 * @param weight SRV weight
 */
public record SrvTarget(String host, int port, boolean directTls, int priority, int weight) {
  public SrvTarget {
    Objects.requireNonNull(host, "host");
    host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    host = host.toLowerCase(Locale.ROOT);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** A STARTTLS target with no SRV ranking: a fallback or an override. */
  public static SrvTarget plain(String host, int port) {
    return new SrvTarget(host, port, false, 0, 0);
  }

  @Override
  public String toString() {
    return host + ":" + port + (directTls ? " (direct TLS)" : " (STARTTLS)");
  }
}
