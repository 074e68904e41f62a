package io.fedgate.xmpp.netty;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.xmpp.c2s.C2sConfig;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.c2s.StanzaRouter;
import io.fedgate.xmpp.sasl.AuthThrottle;
import io.fedgate.xmpp.sasl.CredentialStore;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

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

  /**
   * Server engines presenting the identity, TLS 1.2 and 1.3 only, no client certificate asked, from
   * the JDK or BoringSSL ({@code xmpp.tls-provider}). The BoringSSL context is Netty's
   * finalizer-released kind: it is freed when the listener and its last engine are gone.
   *
   * @throws IllegalStateException when {@code OPENSSL} is asked for and cannot load here
   */
  public static Supplier<SSLEngine> serverEngines(Identity identity, XmppTlsProvider provider) {
    if (!provider.openSsl()) {
      return serverEngines(jdkContext(identity));
    }
    SslContext context;
    try {
      context =
          SslContextBuilder.forServer(identity.privateKey(), identity.chain())
              .sslProvider(SslProvider.OPENSSL)
              .protocols("TLSv1.3", "TLSv1.2")
              .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the C2S BoringSSL context", e);
    }
    return () -> context.newEngine(ByteBufAllocator.DEFAULT);
  }

  private static SSLContext jdkContext(Identity identity) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(S2sTls.keyManagers(identity), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the C2S TLS context", e);
    }
  }
}
