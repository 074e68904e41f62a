package io.fedgate.certstore.tls;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.trust.Decision;
import io.fedgate.certstore.trust.PeerSubjects;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.TrustedCertificates;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link SSLContext} and configured engines of one TLS context for the adapters: the
 * identity as the only key, the {@link PeerTrust} decision as the trust manager (peer subjects of
 * the context for inbound peers, the expected domain for outbound ones), the context's protocols
 * and the supported suites of its cipher profile. Built once; immutable afterwards.
 */
public final class TlsContextFactory {
  private static final Logger LOG = LoggerFactory.getLogger(TlsContextFactory.class);

  private final TlsContext context;
  private final SSLContext sslContext;
  private final PeerTrustManager trustManager;
  private final String[] protocols;
  private final String[] suites;

  /**
   * @param decisions receives every trust decision (for logs, metrics and the per-domain history)
   * @throws IllegalArgumentException when none of the context's suites or protocols is supported
   */
  public TlsContextFactory(
      TlsContext context,
      Identity identity,
      TrustedCertificates trust,
      PeerTrust peerTrust,
      PeerNaming naming,
      Consumer<Decision> decisions,
      SecureRandom random) {
    this.context = context;
    trustManager =
        new PeerTrustManager(
            peerTrust, trust, PeerSubjects.of(context.peerSubjects()), naming, decisions);
    try {
      sslContext = SSLContext.getInstance("TLS");
      sslContext.init(
          new KeyManager[] {new SingleIdentityKeyManager(identity)},
          new TrustManager[] {trustManager},
          random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build TLS context " + context.name(), e);
    }
    SSLParameters supported = sslContext.getSupportedSSLParameters();
    protocols = intersect(context.protocols(), supported.getProtocols(), "protocols");
    suites = intersect(context.wantedSuites(), supported.getCipherSuites(), "cipher suites");
    if (!context.disableEmptyTlsFragments()) {
      LOG.warn(
          "TLS context {} has 'disable empty TLS fragments' off; Microsoft peers need it on",
          context.name());
    }
  }

  public SSLContext sslContext() {
    return sslContext;
  }

  /**
   * The trust manager applying {@link PeerTrust} (the one inside {@link #sslContext()}), for a TLS
   * implementation other than the JDK's that accepts a JSSE trust manager (Netty's OpenSSL engine
   * in the tls-proxy).
   */
  public X509ExtendedTrustManager trustManager() {
    return trustManager;
  }

  /** The suites in use: the profile's, in its order, that this JDK supports. */
  public List<String> cipherSuites() {
    return List.of(suites);
  }

  public List<String> protocols() {
    return List.of(protocols);
  }

  /** Parameters for a listener; NEED for a peer-auth listener. */
  public SSLParameters serverParameters(ClientAuth clientAuth) {
    SSLParameters parameters = base();
    parameters.setNeedClientAuth(clientAuth == ClientAuth.NEED);
    if (clientAuth == ClientAuth.WANT) {
      parameters.setWantClientAuth(true);
    }
    return parameters;
  }

  /** Parameters for an outbound connection to the domain (sent as SNI, checked by RFC 6125). */
  public SSLParameters clientParameters(String expectedDomain) {
    SSLParameters parameters = base();
    parameters.setServerNames(List.of(new SNIHostName(expectedDomain)));
    return parameters;
  }

  public SSLEngine serverEngine(ClientAuth clientAuth) {
    SSLEngine engine = sslContext.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setSSLParameters(serverParameters(clientAuth));
    return engine;
  }

  /** An engine that connects to the domain's server at the port. */
  public SSLEngine clientEngine(String expectedDomain, int port) {
    SSLEngine engine = sslContext.createSSLEngine(expectedDomain, port);
    engine.setUseClientMode(true);
    engine.setSSLParameters(clientParameters(expectedDomain));
    return engine;
  }

  private SSLParameters base() {
    SSLParameters parameters = new SSLParameters(suites.clone(), protocols.clone());
    parameters.setUseCipherSuitesOrder(true);
    parameters.setEndpointIdentificationAlgorithm(null); // RFC 6125 is PeerTrust's job
    return parameters;
  }

  private String[] intersect(List<String> wanted, String[] available, String what) {
    Set<String> supported = Arrays.stream(available).collect(Collectors.toSet());
    String[] kept = wanted.stream().filter(supported::contains).toArray(String[]::new);
    if (kept.length == 0) {
      throw new IllegalArgumentException(
          "TLS context " + context.name() + ": none of its " + what + " is supported: " + wanted);
    }
    if (kept.length < wanted.size()) {
      LOG.debug("TLS context {}: unsupported {} dropped", context.name(), what);
    }
    return kept;
  }
}
