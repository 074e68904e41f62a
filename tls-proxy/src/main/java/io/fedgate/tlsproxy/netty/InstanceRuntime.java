package io.fedgate.tlsproxy.netty;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.tls.CipherProfile;
import io.fedgate.certstore.tls.ClientAuth;
import io.fedgate.certstore.tls.PeerNaming;
import io.fedgate.certstore.tls.TlsContext;
import io.fedgate.certstore.tls.TlsContextFactory;
import io.fedgate.certstore.trust.Decision;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.tlsproxy.config.ProxyInstance;
import io.fedgate.tlsproxy.config.TrustPointStore;
import io.fedgate.tlsproxy.pat.AddressMap;
import io.fedgate.tlsproxy.sip.SipRewriter;
import io.fedgate.tlsproxy.sip.SipStream;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.ReferenceCountUtil;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proxy instance ready to run: its two TLS contexts (the accepted leg with the server trust
 * point, the re-originated leg with the client trust point), built once, and its SIP inspection.
 */
final class InstanceRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceRuntime.class);

  private final ProxyInstance instance;
  private final TlsContextFactory accepting;
  private final TlsContextFactory originating;
  private final AddressMap addresses;
  private final SslContext openSslAccepting;
  private final SslContext openSslOriginating;

  InstanceRuntime(
      ProxyInstance instance,
      TrustPointStore store,
      PeerTrust peerTrust,
      AddressMap addresses,
      SecureRandom random,
      boolean openSsl) {
    this.instance = instance;
    this.addresses = addresses;
    accepting =
        new TlsContextFactory(
            context("server", instance.peerSubjects()),
            store.identity(instance.serverTrustPoint()),
            trust(store, instance.serverTrust(), "server-trust"),
            peerTrust,
            PeerNaming.SIP,
            d -> log("outside peer", d),
            random);
    originating =
        new TlsContextFactory(
            context("client", List.of()),
            store.identity(instance.clientTrustPoint()),
            trust(store, instance.clientTrust(), "client-trust"),
            peerTrust,
            PeerNaming.SIP,
            d -> log("upstream", d),
            random);
    if (openSsl) {
      Identity server = store.identity(instance.serverTrustPoint());
      Identity client = store.identity(instance.clientTrustPoint());
      openSslAccepting =
          openSsl(
              SslContextBuilder.forServer(server.privateKey(), server.chain())
                  .clientAuth(io.netty.handler.ssl.ClientAuth.REQUIRE),
              accepting);
      try {
        openSslOriginating =
            openSsl(
                SslContextBuilder.forClient().keyManager(client.privateKey(), client.chain()),
                originating);
      } catch (RuntimeException e) {
        ReferenceCountUtil.release(openSslAccepting);
        throw e;
      }
    } else {
      openSslAccepting = null;
      openSslOriginating = null;
    }
  }

  /**
   * A BoringSSL context with the same trust manager (PeerTrust, peer subjects, reason codes),
   * protocols and suites as the JDK context. Its client side keeps a session cache keyed by the
   * target's name and port, so the re-originated leg resumes its sessions as haproxy's does.
   */
  private static SslContext openSsl(SslContextBuilder builder, TlsContextFactory jdk) {
    try {
      return builder
          .sslProvider(SslProvider.OPENSSL_REFCNT)
          .trustManager(jdk.trustManager())
          .protocols(jdk.protocols())
          .ciphers(jdk.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the BoringSSL context: " + e.getMessage(), e);
    }
  }

  /** Releases the native contexts; engines made earlier keep their own references. */
  void release() {
    if (openSslAccepting != null) {
      ReferenceCountUtil.release(openSslAccepting);
      ReferenceCountUtil.release(openSslOriginating);
    }
  }

  private TlsContext context(String leg, List<String> subjects) {
    return new TlsContext(
        instance.name() + "-" + leg,
        "tls-proxy " + instance.name(),
        instance.protocols(),
        CipherProfile.CUSTOM,
        instance.cipherSuites(),
        subjects,
        true,
        Instant.EPOCH);
  }

  private TrustedCertificates trust(TrustPointStore store, List<String> names, String what) {
    List<X509Certificate> anchors =
        names.stream().flatMap(n -> store.certificates(n).stream()).toList();
    return new TrustedCertificates(instance.name() + " " + what, anchors);
  }

  private void log(String leg, Decision decision) {
    if (decision instanceof Decision.Refused refused) {
      LOG.info("tls-proxy {}: {} refused: {}", instance.name(), leg, refused);
    } else {
      LOG.debug("tls-proxy {}: {} trusted: {}", instance.name(), leg, decision);
    }
  }

  String name() {
    return instance.name();
  }

  ProxyInstance config() {
    return instance;
  }

  SSLEngine acceptingEngine(ByteBufAllocator alloc) {
    if (openSslAccepting != null) {
      return openSslAccepting.newEngine(alloc);
    }
    return accepting.serverEngine(ClientAuth.NEED);
  }

  SSLEngine originatingEngine(ByteBufAllocator alloc, int port) {
    if (openSslOriginating != null) {
      // Netty sends the peer host as SNI; the trust manager takes the expected name from it
      return openSslOriginating.newEngine(alloc, instance.upstreamName(), port);
    }
    return originating.clientEngine(instance.upstreamName(), port);
  }

  /** The inspection of bytes coming from the client (or, when false, from the target). */
  SipStream inspection(boolean fromClient) {
    var side =
        fromClient ? instance.direction().clientSide() : instance.direction().clientSide().other();
    return new SipStream(new SipRewriter(addresses, side), instance.limits().maxSipMessageBytes());
  }
}
