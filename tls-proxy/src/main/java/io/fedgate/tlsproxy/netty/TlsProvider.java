package io.fedgate.tlsproxy.netty;

import io.netty.handler.ssl.OpenSsl;

/**
 * Which TLS implementation runs both legs. Trust decisions are cert-store's {@code PeerTrust} with
 * either one; BoringSSL (netty-tcnative) does the handshake crypto about an order of magnitude
 * faster than the JDK (ADR 17).
 */
public enum TlsProvider {
  /** BoringSSL when its native library loads on this platform, else the JDK. */
  AUTO,
  /** The JDK's SunJSSE. */
  JDK,
  /** BoringSSL through netty-tcnative; starting fails when it cannot load. */
  OPENSSL;

  /** Whether BoringSSL is used: the choice resolved against this platform. */
  boolean useOpenSsl() {
    switch (this) {
      case JDK:
        return false;
      case OPENSSL:
        if (!OpenSsl.isAvailable()) {
          throw new IllegalStateException(
              "tls-provider openssl: netty-tcnative cannot load: " + OpenSsl.unavailabilityCause());
        }
        return true;
      default:
        return OpenSsl.isAvailable();
    }
  }

  /** The value as the config file spells it, or empty. */
  public static java.util.Optional<TlsProvider> parse(String value) {
    for (TlsProvider p : values()) {
      if (p.name().equalsIgnoreCase(value.trim())) {
        return java.util.Optional.of(p);
      }
    }
    return java.util.Optional.empty();
  }
}
