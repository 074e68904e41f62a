package io.fedgate.xmpp.netty;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.trust.Decision;
import io.fedgate.certstore.trust.PeerExpectation;
import io.fedgate.certstore.trust.PeerRole;
import io.fedgate.certstore.trust.PeerSubjects;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.ReferenceIdentity;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.xmpp.s2s.CertificateCheck;
import io.fedgate.xmpp.s2s.PeerCertificate;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for S2S: the {@code cup-xmpp} identity as the only key, TLS 1.2/1.3 (RFC 7590), and a trust
 * manager that lets every chain through the handshake. The trust decision is made afterwards by
 * cert-store's {@link PeerTrust} against the domain the peer claims or we connected to (RFC 6125
 * with DNS-ID, SRV-ID {@code _xmpp-server} and XmppAddr), because S2S must tell "no valid
 * certificate, try dialback" from "refused": a handshake failure would leave no fallback. The
 * outcome of an invalid certificate is the negotiation's (no SASL EXTERNAL; dialback if allowed).
 *
 * <p>The engines are the JDK's or BoringSSL's ({@link XmppTlsProvider}); both get the same key,
 * protocols, deferred trust manager and SNI, so the decisions and reason codes are the same.
 * BoringSSL contexts are Netty's finalizer-released kind ({@code SslProvider.OPENSSL}): a context
 * replaced after an identity change is freed once its last engine is gone.
 */
final class S2sTls {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final SSLContext context;
  private final SslContext openSslServer;
  private final SslContext openSslClient;
  private final Identity identity;

  S2sTls(Identity identity, SecureRandom random) {
    this(identity, random, false);
  }

  S2sTls(Identity identity, SecureRandom random, boolean openSsl) {
    this.identity = identity;
    if (openSsl) {
      context = null;
      try {
        openSslServer =
            SslContextBuilder.forServer(identity.privateKey(), identity.chain())
                .sslProvider(SslProvider.OPENSSL)
                .trustManager(new DeferredTrust())
                .clientAuth(ClientAuth.OPTIONAL)
                .protocols(PROTOCOLS)
                .build();
        openSslClient =
            SslContextBuilder.forClient()
                .sslProvider(SslProvider.OPENSSL)
                .keyManager(identity.privateKey(), identity.chain())
                .trustManager(new DeferredTrust())
                .protocols(PROTOCOLS)
                .endpointIdentificationAlgorithm(null) // RFC 6125 is PeerTrust's job
                .build();
      } catch (SSLException e) {
        throw new IllegalStateException("cannot build the S2S BoringSSL contexts", e);
      }
      return;
    }
    openSslServer = null;
    openSslClient = null;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(keyManagers(identity), new TrustManager[] {new DeferredTrust()}, random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the S2S TLS context", e);
    }
  }

  /** JDK key managers presenting the identity (C2S and S2S). */
  static KeyManager[] keyManagers(Identity identity) throws GeneralSecurityException {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      char[] pin = new char[] {'x', 'm', 'p', 'p'};
      keys.setKeyEntry(
          "cup-xmpp", identity.privateKey(), pin, identity.chain().toArray(new Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, pin);
      return kmf.getKeyManagers();
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot hold the identity in a key store", e);
    }
  }

  Identity identity() {
    return identity;
  }

  /** Whether the engines are BoringSSL's. */
  boolean openSsl() {
    return context == null;
  }

  /** A listener-side engine; the peer is asked for its certificate (WANT, not NEED). */
  SSLEngine serverEngine() {
    if (openSslServer != null) {
      return openSslServer.newEngine(ByteBufAllocator.DEFAULT);
    }
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setProtocols(PROTOCOLS);
    parameters.setWantClientAuth(true);
    engine.setSSLParameters(parameters);
    return engine;
  }

  /** An engine connecting to the domain (SNI = the domain, XEP-0368 / RFC 6120 §13.7.2.1). */
  SSLEngine clientEngine(String domain, String host, int port) {
    if (openSslClient != null) {
      // the peer host is sent as SNI when it is a DNS name (not an IP literal), like below
      return openSslClient.newEngine(ByteBufAllocator.DEFAULT, domain, port);
    }
    SSLEngine engine = context.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setProtocols(PROTOCOLS);
    try {
      parameters.setServerNames(List.of(new SNIHostName(domain)));
    } catch (IllegalArgumentException e) {
      // not a valid SNI name (e.g. an IP literal): no SNI
    }
    parameters.setEndpointIdentificationAlgorithm(null); // RFC 6125 is PeerTrust's job
    engine.setSSLParameters(parameters);
    return engine;
  }

  /** The presented chain of a finished handshake, checkable for any domain. */
  static PeerCertificate peer(
      SSLSession session, PeerRole role, TrustedCertificates trust, Clock clock) {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          chain.add(x);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      // none presented
    }
    PeerTrust peerTrust = new PeerTrust(clock);
    return domain -> {
      Decision decision;
      try {
        decision =
            peerTrust.decide(
                chain,
                trust,
                new PeerExpectation(
                    role,
                    Optional.of(ReferenceIdentity.xmppServer(domain)),
                    PeerSubjects.unrestricted()));
      } catch (IllegalArgumentException e) {
        return new CertificateCheck(false, "NAME_MISMATCH", "not a domain: " + domain);
      }
      if (decision instanceof Decision.Refused refused) {
        return new CertificateCheck(false, refused.reason().name(), refused.detail());
      }
      return new CertificateCheck(true, "TRUSTED", ((Decision.Trusted) decision).detail());
    };
  }

  /** Accepts every chain during the handshake; {@link #peer} decides afterwards. */
  private static final class DeferredTrust extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
