package io.fedgate.tlsproxy.netty;

import static io.fedgate.tlsproxy.config.SampleConfigs.permit;
import static io.fedgate.tlsproxy.netty.ProxyFixture.INSIDE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.certstore.tls.TlsContextFactory;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.PatMapping;
import io.fedgate.tlsproxy.config.ProxyConfig;
import io.fedgate.tlsproxy.config.ProxyInstance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reverse instance ({@code ent_imp_to_external}): the appliance (127.0.0.42) connects to the
 * proxy's inside listener (127.0.0.44), the proxy re-originates with the public identity to the
 * partner's edge (127.0.0.45), which requires it by peer subject. The appliance's addresses leave
 * as the public ones, the partner's answer comes back with them translated back, and the access
 * list decides on the Request-URI domain.
 */
class OutboundProxyIT {
  private static final String LISTEN = "127.0.0.44";
  private static final String EDGE = "127.0.0.45";

  private SipServerStub edge;
  private TlsProxyServer proxy;
  private int listenPort;

  @AfterEach
  void stop() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
    if (edge != null) {
      edge.close();
    }
  }

  private static String answer(String request) {
    return "SIP/2.0 200 OK\r\n"
        + SipMessages.header(request, "Via")
        + SipMessages.header(request, "From")
        + SipMessages.header(request, "To").replace("\r\n", ";tag=e1\r\n")
        + SipMessages.header(request, "Call-ID")
        + SipMessages.header(request, "CSeq")
        + "Content-Length: 0\r\n\r\n";
  }

  private static String message(String domain) {
    return SipMessages.withBody(
        "MESSAGE sip:bob@"
            + domain
            + " SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 127.0.0.42:5062;branch=z9hG4bK-o1\r\n"
            + "From: <sip:alice@example.com>;tag=a1\r\n"
            + "To: <sip:bob@"
            + domain
            + ">\r\n"
            + "Call-ID: o1@example.com\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Contact: <sip:alice@127.0.0.42:5062;transport=tls>\r\n"
            + "Content-Type: text/plain\r\n",
        "hello");
  }

  private void start() throws Exception {
    edge =
        new SipServerStub(
            ProxyFixture.tls(
                ProxyFixture.partner(PeerVariant.GOOD), List.of(ProxyFixture.PUBLIC_NAME)),
            EDGE,
            OutboundProxyIT::answer,
            false);
    listenPort = ProxyFixture.freePort(LISTEN);
    ProxyConfig base = ProxyFixture.inbound(1, 1, new AccessList("unused", List.of()), 8192);
    ProxyInstance outbound =
        ProxyInstance.builder("ent_imp_to_external", Direction.OUTBOUND)
            .server("imp_proxy", List.of("cert_from_imp"), List.of(ProxyFixture.INSIDE_NAME))
            .client("imp_public", List.of("partner_ca"), "sip.partner.example")
            .accessList("imp_to_partner")
            .listen(new Endpoint(LISTEN, listenPort))
            .target(new Endpoint(EDGE, edge.port()))
            .build();
    AccessList acl =
        new AccessList(
            "imp_to_partner", List.of(permit(INSIDE, EDGE, edge.port(), "partner.example")));
    proxy =
        new TlsProxyServer(
            new ProxyConfig(
                base.trustPoints(),
                List.of(outbound),
                List.of(acl),
                List.of(
                    new PatMapping(
                        new Endpoint(INSIDE, 5062),
                        new Endpoint(ProxyFixture.PUBLIC, 5061),
                        Optional.empty()))),
            ProxyFixture.trustPoints(ProxyFixture.PROXY_INSIDE_ID),
            new PeerTrust(TestPki.clock()),
            TestPki.clock(),
            new SecureRandom(),
            1);
    proxy.start();
  }

  private SSLSocket appliance() throws IOException {
    TlsContextFactory tls =
        ProxyFixture.tls(ProxyFixture.withoutRoot(ProxyFixture.APPLIANCE_ID), List.of());
    SSLSocket socket = (SSLSocket) tls.sslContext().getSocketFactory().createSocket();
    socket.bind(new InetSocketAddress(INSIDE, 0));
    socket.connect(new InetSocketAddress(LISTEN, listenPort), 5_000);
    socket.setSSLParameters(tls.clientParameters(ProxyFixture.PROXY_INSIDE_NAME));
    socket.setSoTimeout(10_000);
    return socket;
  }

  @Test
  void applianceTrafficLeavesWithPublicAddressesAndTheAnswerComesBack() throws Exception {
    start();
    try (SSLSocket appliance = appliance()) {
      appliance.getOutputStream().write(SipWire.bytes(message("partner.example")));

      String atEdge = edge.received.poll(10, TimeUnit.SECONDS);
      assertThat(atEdge)
          .contains("Via: SIP/2.0/TLS 127.0.0.41:5061;branch=z9hG4bK-o1\r\n")
          .contains("Contact: <sip:alice@127.0.0.41:5061;transport=tls>\r\n")
          .doesNotContain("127.0.0.42");
      String answer = SipWire.read(appliance.getInputStream());
      assertThat(answer)
          .startsWith("SIP/2.0 200 OK\r\n")
          .contains("Via: SIP/2.0/TLS 127.0.0.42:5062;branch=z9hG4bK-o1\r\n");
      assertThat(proxy.sessions())
          .singleElement()
          .satisfies(s -> assertThat(s.clientSubject()).contains("CN=" + ProxyFixture.INSIDE_NAME));
    }
  }

  @Test
  void aRequestForAnotherDomainIsRefusedByTheAccessList() throws Exception {
    start();
    try (SSLSocket appliance = appliance()) {
      appliance.getOutputStream().write(SipWire.bytes(message("elsewhere.example")));
      assertThat(SipWire.read(appliance.getInputStream())).isNull();
    }
    await().until(() -> !proxy.recentlyClosed().isEmpty());
    assertThat(proxy.recentlyClosed().get(0).reason())
        .isEqualTo("acl-implicit-deny imp_to_partner domain elsewhere.example");
    assertThat(edge.received).isEmpty();
  }
}
