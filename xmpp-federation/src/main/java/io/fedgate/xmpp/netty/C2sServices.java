package io.fedgate.xmpp.netty;

import io.fedgate.xmpp.c2s.C2sConfig;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;
import io.fedgate.xmpp.sasl.AuthThrottle;
import io.fedgate.xmpp.sasl.CredentialStore;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * What a C2S listener needs, supplied by the composition root.
 *
 * @param tlsEngines a fresh server-mode {@link SSLEngine} per connection (e.g. from cert-store's
 *     {@code TlsContextFactory} with the {@code cup-xmpp} identity)
 */
public record C2sServices(
    C2sConfig config,
    CredentialStore credentials,
    StanzaRouter router,
    LocalSessions sessions,
    AuthThrottle throttle,
    Supplier<SSLEngine> tlsEngines,
    SecureRandom random) {

  public C2sServices {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(throttle, "throttle");
    Objects.requireNonNull(tlsEngines, "tlsEngines");
    Objects.requireNonNull(random, "random");
  }

  /** Server engines from an {@link SSLContext}, TLS 1.2 and 1.3 only (RFC 7590). */
  public static Supplier<SSLEngine> serverEngines(SSLContext context) {
    return () -> {
      SSLEngine engine = context.createSSLEngine();
      engine.setUseClientMode(false);
      engine.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      return engine;
    };
  }
}
