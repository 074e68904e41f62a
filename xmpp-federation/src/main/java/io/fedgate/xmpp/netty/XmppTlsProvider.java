package io.fedgate.xmpp.netty;

import io.netty.handler.ssl.OpenSsl;
import java.util.Locale;
import java.util.Optional;

/**
 * The TLS implementation of the XMPP streams (C2S and S2S, STARTTLS and direct TLS, both
 * directions): the operator key {@code xmpp.tls-provider}. The trust decisions do not depend on it:
 * S2S peers are judged by cert-store's {@code PeerTrust} after the handshake either way (see {@link
 * S2sTls}). BoringSSL's AES-GCM is several times cheaper per record than the JDK's (the S2S
 * benchmark's largest CPU share with the JDK; xmpp-federation/README.md, Performance).
 */
public enum XmppTlsProvider {
  /** BoringSSL (netty-tcnative) when its native library loads here, otherwise the JDK. */
  AUTO,
  /** The JDK's SunJSSE, always. */
  JDK,
  /** BoringSSL always; starting the listener or the service fails if it cannot load. */
  OPENSSL;

  /** Resolves the choice on this platform: true for BoringSSL. */
  public boolean openSsl() {
    if (this == JDK) {
      return false;
    }
    boolean loads = OpenSsl.isAvailable();
    if (this == OPENSSL && !loads) {
      throw new IllegalStateException(
          "xmpp.tls-provider = openssl, but netty-tcnative does not load here: "
              + OpenSsl.unavailabilityCause());
    }
    return loads;
  }

  /** The provider named {@code auto}, {@code jdk} or {@code openssl} (any case), or empty. */
  public static Optional<XmppTlsProvider> named(String value) {
    try {
      return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
