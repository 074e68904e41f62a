package io.fedgate.tlsproxy.netty;

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
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLEngine;
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

  InstanceRuntime(
      ProxyInstance instance,
      TrustPointStore store,
      PeerTrust peerTrust,
      AddressMap addresses,
      SecureRandom random) {
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

  SSLEngine acceptingEngine() {
    return accepting.serverEngine(ClientAuth.NEED);
  }

  SSLEngine originatingEngine(int port) {
    return originating.clientEngine(instance.upstreamName(), port);
  }

  /** The inspection of bytes coming from the client (or, when false, from the target). */
  SipStream inspection(boolean fromClient) {
    var side =
        fromClient ? instance.direction().clientSide() : instance.direction().clientSide().other();
    return new SipStream(new SipRewriter(addresses, side), instance.limits().maxSipMessageBytes());
  }
}
