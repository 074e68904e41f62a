package io.fedgate.tlsproxy.netty;

import static io.fedgate.tlsproxy.config.SampleConfigs.deny;
import static io.fedgate.tlsproxy.config.SampleConfigs.permit;
import static io.fedgate.tlsproxy.netty.ProxyFixture.INSIDE;
import static io.fedgate.tlsproxy.netty.ProxyFixture.OTHER_PARTNER;
import static io.fedgate.tlsproxy.netty.ProxyFixture.PARTNER;
import static io.fedgate.tlsproxy.netty.ProxyFixture.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.status.ClosedSession;
import io.fedgate.tlsproxy.status.SessionView;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The partner -> proxy -> appliance path on loopback with the test PKI: addresses rewritten on the
 * wire both ways, and each refusal (partner certificate, ACL, inside certificate) closing the
 * session with its reason.
 */
class TlsProxyIT {
  private SipServerStub appliance;
  private TlsProxyServer proxy;
  private int publicPort;

  @AfterEach
  void stop() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
    if (appliance != null) {
      appliance.close();
    }
  }

  private static AccessList partnerAcl(int insidePort) {
    return new AccessList(
        "partner_to_imp",
        List.of(
            deny(OTHER_PARTNER, "any"),
            permit("127.0.0.0/8", INSIDE, insidePort, "partner.example")));
  }

  private void start(IssuedIdentity proxyInside) throws Exception {
    appliance = ProxyFixture.appliance(m -> SipMessages.ok(m, appliance.port()), false);
    publicPort = ProxyFixture.freePort(PUBLIC);
    proxy =
        new TlsProxyServer(
            ProxyFixture.inbound(publicPort, appliance.port(), partnerAcl(appliance.port()), 8192),
            ProxyFixture.trustPoints(proxyInside),
            new PeerTrust(TestPki.clock()),
            TestPki.clock(),
            new SecureRandom(),
            2);
    proxy.start();
  }

  private ClosedSession closedSession() {
    await().atMost(Duration.ofSeconds(10)).until(() -> !proxy.recentlyClosed().isEmpty());
    return proxy.recentlyClosed().get(0);
  }

  @Test
  void anInviteCrossesWithAddressesRewrittenBothWays() throws Exception {
    start(ProxyFixture.PROXY_INSIDE_ID);
    try (SSLSocket partner =
        ProxyFixture.connect(ProxyFixture.partner(PeerVariant.GOOD), PARTNER, publicPort)) {
      // an RFC 5626 keep-alive first: the domain-waiting ACL lets it pass and waits on
      partner.getOutputStream().write(SipWire.bytes("\r\n\r\n"));
      partner
          .getOutputStream()
          .write(SipWire.bytes(SipMessages.invite("partner.example", publicPort)));

      String atAppliance = appliance.received.poll(10, TimeUnit.SECONDS);
      assertThat(atAppliance)
          .contains("Route: <sip:127.0.0.42:" + appliance.port() + ";transport=tls;lr>\r\n")
          .contains("Via: SIP/2.0/TLS 127.0.0.40:5061;branch=z9hG4bK-c1\r\n")
          .contains("c=IN IP4 127.0.0.40\r\n");

      String atPartner = SipWire.read(partner.getInputStream());
      assertThat(atPartner)
          .startsWith("SIP/2.0 200 OK\r\n")
          .contains("Record-Route: <sip:127.0.0.41:" + publicPort + ";transport=tls;lr>\r\n")
          .contains("Contact: <sip:alice@127.0.0.41:5080;transport=tls>\r\n")
          .contains("o=alice 2 2 IN IP4 127.0.0.41\r\n")
          .contains("c=IN IP4 127.0.0.41\r\n")
          .doesNotContain("127.0.0.42");

      List<SessionView> sessions = proxy.sessions();
      assertThat(sessions).hasSize(1);
      SessionView session = sessions.get(0);
      assertThat(session.client()).startsWith(PARTNER + ":");
      assertThat(session.target()).isEqualTo(INSIDE + ":" + appliance.port());
      assertThat(session.clientTls()).startsWith("TLSv1.3 TLS_AES_");
      assertThat(session.targetTls()).startsWith("TLSv1.3 TLS_AES_");
      assertThat(session.clientSubject()).contains("CN=sip.partner.example");
      assertThat(session.bytesFromClient())
          .isEqualTo(4 + SipMessages.invite("partner.example", publicPort).length());
      assertThat(session.bytesFromTarget()).isEqualTo(atPartner.length());
    }
    assertThat(closedSession().reason()).isEqualTo("closed");
    assertThat(proxy.aclCounters())
        .extracting(c -> c.line() + " " + c.hits())
        .containsExactly("1 0", "2 1", "0 0");
  }

  @Test
  void aPartnerCertificateNotInThePeerSubjectsIsRefusedOnTheOutside() throws Exception {
    start(ProxyFixture.PROXY_INSIDE_ID);
    try (SSLSocket partner =
        ProxyFixture.connect(ProxyFixture.partner(PeerVariant.WRONG_SAN), PARTNER, publicPort)) {
      Throwable failure =
          catchThrowable(
              () -> {
                partner
                    .getOutputStream()
                    .write(SipWire.bytes(SipMessages.message("partner.example", "hi")));
                assertThat(SipWire.read(partner.getInputStream())).isNull();
              });
      assertThat(failure == null || failure instanceof IOException).isTrue();
    }
    assertThat(closedSession().reason())
        .startsWith("client certificate-refused [NOT_IN_PEER_SUBJECTS]");
    assertThat(appliance.received).isEmpty();
  }

  @Test
  void theAccessListRefusesAnAddressAtOnceAndADomainAtItsFirstRequest() throws Exception {
    start(ProxyFixture.PROXY_INSIDE_ID);
    try (SSLSocket partner =
        ProxyFixture.connect(ProxyFixture.partner(PeerVariant.GOOD), OTHER_PARTNER, publicPort)) {
      partner.startHandshake();
      assertThat(partner.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(closedSession().reason()).isEqualTo("acl-deny partner_to_imp line 1");

    try (SSLSocket partner =
        ProxyFixture.connect(ProxyFixture.partner(PeerVariant.GOOD), PARTNER, publicPort)) {
      partner.getOutputStream().write(SipWire.bytes(SipMessages.message("intruder.example", "hi")));
      assertThat(SipWire.read(partner.getInputStream())).isNull();
    }
    await().until(() -> proxy.recentlyClosed().size() == 2);
    assertThat(proxy.recentlyClosed().get(0).reason())
        .isEqualTo("acl-implicit-deny partner_to_imp domain intruder.example");
    assertThat(appliance.received).isEmpty();
    assertThat(proxy.aclCounters())
        .extracting(c -> c.line() + " " + c.hits())
        .containsExactly("1 1", "2 0", "0 1");
  }

  @Test
  void anInsideCertificateTheApplianceDoesNotTrustClosesTheSession() throws Exception {
    start(ProxyFixture.UNTRUSTED_PROXY_INSIDE_ID);
    try (SSLSocket partner =
        ProxyFixture.connect(ProxyFixture.partner(PeerVariant.GOOD), PARTNER, publicPort)) {
      partner.getOutputStream().write(SipWire.bytes(SipMessages.message("partner.example", "hi")));
      Throwable failure =
          catchThrowable(() -> assertThat(SipWire.read(partner.getInputStream())).isNull());
      assertThat(failure == null || failure instanceof IOException).isTrue();
    }
    assertThat(closedSession().reason()).startsWith("target ");
    assertThat(appliance.received).isEmpty();
  }

  @Test
  void anApplianceCertificateTheProxyDoesNotTrustClosesTheSession() throws Exception {
    IssuedIdentity impostor =
        CertificateBuilder.leaf("imp1.inside.example")
            .dns("imp1.inside.example")
            .signedBy(ProxyFixture.PKI.unknownIntermediate());
    appliance =
        new SipServerStub(
            ProxyFixture.tls(impostor.toIdentity(), List.of()), INSIDE, m -> null, false);
    publicPort = ProxyFixture.freePort(PUBLIC);
    proxy =
        new TlsProxyServer(
            ProxyFixture.inbound(publicPort, appliance.port(), partnerAcl(appliance.port()), 8192),
            ProxyFixture.trustPoints(ProxyFixture.PROXY_INSIDE_ID),
            new PeerTrust(TestPki.clock()),
            TestPki.clock(),
            new SecureRandom(),
            1);
    proxy.start();
    try (SSLSocket partner =
        ProxyFixture.connect(ProxyFixture.partner(PeerVariant.GOOD), PARTNER, publicPort)) {
      partner.getOutputStream().write(SipWire.bytes(SipMessages.message("partner.example", "hi")));
      assertThat(SipWire.read(partner.getInputStream())).isNull();
    }
    assertThat(closedSession().reason()).startsWith("target certificate-refused [UNTRUSTED_ROOT]");
  }
}
