package io.fedgate.tlsproxy.netty;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.certstore.tls.PeerNaming;
import io.fedgate.certstore.tls.TlsContext;
import io.fedgate.certstore.tls.TlsContextFactory;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.PatMapping;
import io.fedgate.tlsproxy.config.ProxyConfig;
import io.fedgate.tlsproxy.config.ProxyInstance;
import io.fedgate.tlsproxy.config.TrustPoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;

/**
 * The loopback topology of the proxy ITs (block 127.0.0.40-49): the partner at 127.0.0.40, the
 * proxy's public address 127.0.0.41, the appliance's peer-auth listener (a stub) at 127.0.0.42.
 */
final class ProxyFixture {
  static final TestPki PKI = TestPki.shared();
  static final String PARTNER = "127.0.0.40";
  static final String PUBLIC = "127.0.0.41";
  static final String INSIDE = "127.0.0.42";
  static final String OTHER_PARTNER = "127.0.0.43";
  static final String PUBLIC_NAME = "imp.example.com";
  static final String INSIDE_NAME = "imp1.inside.example";
  static final String PROXY_INSIDE_NAME = "proxy.inside.example";

  static final IssuedIdentity PUBLIC_ID =
      CertificateBuilder.leaf(PUBLIC_NAME).dns(PUBLIC_NAME).signedBy(PKI.intermediate());
  static final IssuedIdentity PROXY_INSIDE_ID =
      CertificateBuilder.leaf(PROXY_INSIDE_NAME)
          .dns(PROXY_INSIDE_NAME)
          .signedBy(PKI.intermediate());
  static final IssuedIdentity UNTRUSTED_PROXY_INSIDE_ID =
      CertificateBuilder.leaf(PROXY_INSIDE_NAME)
          .dns(PROXY_INSIDE_NAME)
          .signedBy(PKI.unknownIntermediate());
  static final IssuedIdentity APPLIANCE_ID =
      CertificateBuilder.leaf(INSIDE_NAME).dns(INSIDE_NAME).signedBy(PKI.intermediate());

  static TlsContextFactory tls(Identity identity, List<String> peerSubjects) {
    TlsContext context =
        TlsContext.defaultPeerAuth(Instant.EPOCH).withPeerSubjects(peerSubjects, Instant.EPOCH);
    return new TlsContextFactory(
        context,
        identity,
        PKI.trustStore(),
        new PeerTrust(TestPki.clock()),
        PeerNaming.SIP,
        d -> {},
        new SecureRandom());
  }

  static Identity partner(PeerVariant variant) {
    return new Identity(PKI.leaf(variant).privateKey(), PKI.presentedChain(variant));
  }

  static Identity withoutRoot(IssuedIdentity id) {
    return new Identity(id.privateKey(), id.chainWithoutRoot());
  }

  /** The appliance stand-in: trusts the proxy's inside certificate by its peer subject. */
  static SipServerStub appliance(java.util.function.UnaryOperator<String> reply, boolean atEnd)
      throws IOException {
    return new SipServerStub(
        tls(withoutRoot(APPLIANCE_ID), List.of(PROXY_INSIDE_NAME)), INSIDE, reply, atEnd);
  }

  static int freePort(String address) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return socket.getLocalPort();
    }
  }

  static MapTrustPoints trustPoints(IssuedIdentity proxyInside) {
    return new MapTrustPoints()
        .identity("imp_public", withoutRoot(PUBLIC_ID))
        .identity("imp_proxy", withoutRoot(proxyInside))
        .anchors("partner_ca", List.of(PKI.root().certificate()))
        .anchors("cert_from_imp", List.of(PKI.root().certificate()));
  }

  static ProxyConfig inbound(int publicPort, int insidePort, AccessList acl, int maxSip) {
    return inbound(publicPort, insidePort, acl, maxSip, Duration.ofSeconds(5));
  }

  static ProxyConfig inbound(
      int publicPort, int insidePort, AccessList acl, int maxSip, Duration handshakeTimeout) {
    List<TrustPoint> points =
        List.of(
            new TrustPoint(
                "imp_public", TrustPoint.Enrollment.TERMINAL, PUBLIC_NAME, "", Optional.of("k1")),
            new TrustPoint("imp_proxy", TrustPoint.Enrollment.SELF, "", "", Optional.of("k2")),
            new TrustPoint("partner_ca", TrustPoint.Enrollment.TERMINAL, "", "", Optional.empty()),
            new TrustPoint(
                "cert_from_imp", TrustPoint.Enrollment.TERMINAL, "", "", Optional.empty()));
    ProxyInstance instance =
        ProxyInstance.builder("ent_external_to_imp", Direction.INBOUND)
            .server("imp_public", List.of("partner_ca"), List.of("sip.partner.example"))
            .client("imp_proxy", List.of("cert_from_imp"), INSIDE_NAME)
            .accessList(acl.name())
            .limits(new ProxyInstance.Limits(handshakeTimeout, Duration.ofSeconds(30), maxSip))
            .build();
    List<PatMapping> pat =
        List.of(
            new PatMapping(
                new Endpoint(INSIDE, insidePort),
                new Endpoint(PUBLIC, publicPort),
                Optional.of(instance.name())),
            new PatMapping(
                new Endpoint(INSIDE, 5080), new Endpoint(PUBLIC, 5080), Optional.empty()));
    return new ProxyConfig(points, List.of(instance), List.of(acl), pat);
  }

  /** A partner connecting from an address of the block, presenting the identity. */
  static SSLSocket connect(Identity identity, String from, int port) throws IOException {
    TlsContextFactory tls = tls(identity, List.of());
    SSLSocket socket = (SSLSocket) tls.sslContext().getSocketFactory().createSocket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress(PUBLIC, port), 5_000);
    socket.setSSLParameters(tls.clientParameters(PUBLIC_NAME));
    socket.setSoTimeout(10_000);
    return socket;
  }

  private ProxyFixture() {}
}
