package io.fedgate.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.acl.incoming.AclEntry;
import io.fedgate.acl.incoming.IncomingAcl;
import io.fedgate.acl.policy.FederationPolicy;
import io.fedgate.acl.policy.PolicyDecider;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.sip.gate.InboundGate;
import io.fedgate.sip.jain.SipEndpoint.Kind;
import io.fedgate.sip.jain.SipEndpoint.ListenerSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JAIN-SIP transport over real mutual TLS and TCP on 127.0.0.74-76. */
public class SipEndpointIT {
  static final String GW = "127.0.0.74";
  static final String PEER = "127.0.0.75";
  static final String OTHER = "127.0.0.76";
  static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(3);

  private final List<SipEndpoint> endpoints = new CopyOnWriteArrayList<>();
  private final List<InboundRequest> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    endpoints.forEach(SipEndpoint::close);
  }

  public static IssuedIdentity gatewayIdentity() {
    return CertificateBuilder.leaf("gw.local.test")
        .dns("gw.local.test", "local.test")
        .signedBy(TestPki.shared().intermediate());
  }

  public static SipTls tls(IssuedIdentity identity, List<String> peerSubjects) {
    return new SipTls(
        identity.toIdentity(),
        TestPki.shared().trustStore(),
        peerSubjects,
        List.of("TLSv1.2"),
        List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
        new PeerTrust(TestPki.clock()),
        d -> {});
  }

  SipEndpoint gateway(InboundGate gate, Kind... kinds) throws Exception {
    List<ListenerSpec> specs =
        java.util.Arrays.stream(kinds).map(k -> new ListenerSpec(k, GW, 0)).toList();
    SipEndpoint endpoint =
        SipEndpoint.start(
            new SipEndpoint.Settings(
                "gw-" + UUID.randomUUID(), "gw.local.test", 65_536, 8_192, TIMEOUT, specs),
            Optional.of(tls(gatewayIdentity(), List.of())),
            gate,
            request -> {
              received.add(request);
              request.respond(Response.OK);
            });
    endpoints.add(endpoint);
    return endpoint;
  }

  SipEndpoint peer(String address, PeerVariant variant) throws Exception {
    SipEndpoint endpoint =
        SipEndpoint.start(
            new SipEndpoint.Settings(
                "peer-" + UUID.randomUUID(),
                "sip.partner.example",
                65_536,
                65_536,
                TIMEOUT,
                List.of(new ListenerSpec(Kind.PEER_AUTH_TLS, address, 0))),
            Optional.of(tls(TestPki.shared().leaf(variant), List.of())),
            InboundGate.open(),
            request -> request.respond(Response.OK));
    endpoints.add(endpoint);
    return endpoint;
  }

  public static int port(SipEndpoint endpoint, Kind kind) {
    return endpoint.bound().stream().filter(b -> b.kind() == kind).findFirst().orElseThrow().port();
  }

  static String message(String body) {
    return "MESSAGE sip:bob@local.test SIP/2.0\r\n"
        + "From: <sip:alice@partner.example>;tag=a1\r\n"
        + "To: <sip:bob@local.test>\r\n"
        + "Call-ID: "
        + UUID.randomUUID()
        + "\r\n"
        + "CSeq: 1 MESSAGE\r\n"
        + "Content-Type: text/plain;charset=UTF-8\r\n"
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  static Response sendTls(SipEndpoint from, SipEndpoint to, String text, String expected)
      throws Exception {
    Request request = from.parseRequest(text);
    return from.send(
            request, new InetSocketAddress(GW, port(to, Kind.PEER_AUTH_TLS)), "TLS", expected)
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void aTrustedPeerDeliversAMessageOverMutualTls() throws Exception {
    SipEndpoint gw = gateway(InboundGate.open(), Kind.PEER_AUTH_TLS);
    SipEndpoint lync = peer(PEER, PeerVariant.GOOD);

    Response response = sendTls(lync, gw, message("Hello, Bob!"), "gw.local.test");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(received).hasSize(1);
    InboundRequest in = received.get(0);
    assertThat(new String(in.request().getRawContent(), StandardCharsets.UTF_8))
        .isEqualTo("Hello, Bob!");
    assertThat(in.listener()).isEqualTo(Kind.PEER_AUTH_TLS);
    assertThat(in.peer().getAddress().getHostAddress()).isEqualTo(PEER);
    assertThat(in.peerNames()).contains("sip.partner.example");
  }

  @Test
  void optionsAreAnsweredWithTheCapabilities() throws Exception {
    SipEndpoint gw = gateway(InboundGate.open(), Kind.PEER_AUTH_TLS);
    SipEndpoint lync = peer(PEER, PeerVariant.GOOD);
    String options =
        "OPTIONS sip:gw.local.test SIP/2.0\r\n"
            + "From: <sip:sip.partner.example>;tag=o1\r\n"
            + "To: <sip:gw.local.test>\r\n"
            + "Call-ID: "
            + UUID.randomUUID()
            + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    Response response = sendTls(lync, gw, options, "gw.local.test");

    assertThat(response.getStatusCode()).isEqualTo(200);
    List<String> allowed = new java.util.ArrayList<>();
    response.getHeaders("Allow").forEachRemaining(h -> allowed.add(String.valueOf(h).trim()));
    assertThat(allowed)
        .contains("Allow: MESSAGE", "Allow: SUBSCRIBE", "Allow: INFO", "Allow: BENOTIFY");
    assertThat(new String(response.getRawContent(), StandardCharsets.UTF_8))
        .contains("m=message 5061 sip null");
    assertThat(received).isEmpty();
  }

  @Test
  void aPeerFromAnUntrustedRootNeverGetsARequestIn() throws Exception {
    SipEndpoint gw = gateway(InboundGate.open(), Kind.PEER_AUTH_TLS);
    SipEndpoint rogue = peer(PEER, PeerVariant.UNKNOWN_ROOT);

    assertThatThrownBy(() -> sendTls(rogue, gw, message("let me in"), "gw.local.test"))
        .isInstanceOf(ExecutionException.class);
    assertThat(received).isEmpty();
  }

  @Test
  void theNextHopCertificateMustNameTheNextHop() throws Exception {
    SipEndpoint gw = gateway(InboundGate.open(), Kind.PEER_AUTH_TLS);
    SipEndpoint lync = peer(PEER, PeerVariant.GOOD);

    assertThatThrownBy(() -> sendTls(lync, gw, message("hi"), "edge.elsewhere.example"))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(NextHopRefusedException.class);
    assertThat(received).isEmpty();
  }

  @Test
  void theIncomingAclRefusesAnUnlistedPeerWithADiagnostic() throws Exception {
    InboundGate gate =
        new InboundGate(
            () ->
                IncomingAcl.of(
                    List.of(
                        AclEntry.ip(OTHER, "another edge"),
                        AclEntry.fqdn("sip.partner.example", "partner edge"))),
            () -> PolicyDecider.of(FederationPolicy.allowAll()),
            d -> true,
            Optional.empty());
    SipEndpoint gw = gateway(gate, Kind.PEER_AUTH_TLS);
    SipEndpoint lync = peer(PEER, PeerVariant.GOOD);

    Response response = sendTls(lync, gw, message("hi"), "gw.local.test");

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.getHeader("ms-diagnostics").toString())
        .contains("52001", "fedgate-code=\"acl.denied-ip-not-listed\"", "source=\"gw.local.test\"");
    assertThat(received).isEmpty();
  }

  @Test
  void aBodyOverTheLimitIsAnswered413AndTheConnectionKeepsServing() throws Exception {
    SipEndpoint gw = gateway(InboundGate.open(), Kind.TCP);
    try (Socket socket = new Socket(GW, port(gw, Kind.TCP))) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(withVia(message("x".repeat(9_000))).getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(readResponse(socket.getInputStream())).startsWith("SIP/2.0 413");
      out.write(withVia(message("small")).getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(readResponse(socket.getInputStream())).startsWith("SIP/2.0 200");
    }
    assertThat(received).hasSize(1);
  }

  @Test
  void crlfKeepAlivesAreAnsweredOnTheConnection() throws Exception {
    SipEndpoint gw = gateway(InboundGate.open(), Kind.TCP);
    try (Socket socket = new Socket(GW, port(gw, Kind.TCP))) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      assertThat(in.read()).isEqualTo('\r');
      assertThat(in.read()).isEqualTo('\n');
      socket
          .getOutputStream()
          .write(withVia(message("after ping")).getBytes(StandardCharsets.UTF_8));
      assertThat(readResponse(in)).startsWith("SIP/2.0 200");
    }
  }

  static String withVia(String request) {
    int eol = request.indexOf("\r\n");
    return request.substring(0, eol + 2)
        + "Via: SIP/2.0/TCP "
        + PEER
        + ":5060;branch=z9hG4bK"
        + UUID.randomUUID().toString().replace("-", "")
        + "\r\nMax-Forwards: 70\r\n"
        + request.substring(eol + 2);
  }

  /** Reads one response's head (up to the blank line) and its body by Content-Length. */
  public static String readResponse(InputStream in) throws java.io.IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      if (head.length() == 0 && (c == '\r' || c == '\n')) {
        continue; // keep-alive pongs
      }
      head.append((char) c);
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)").matcher(head);
    if (m.find()) {
      in.readNBytes(Integer.parseInt(m.group(1)));
    }
    return head.toString();
  }
}
