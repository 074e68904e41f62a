package io.fedgate.xmpp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.dns.SrvTarget;
import io.fedgate.xmpp.s2s.Admission;
import io.fedgate.xmpp.s2s.AuthMethod;
import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.Negotiation;
import io.fedgate.xmpp.s2s.PartnerSettings;
import io.fedgate.xmpp.s2s.PartnerType;
import io.fedgate.xmpp.s2s.S2sConnection;
import io.fedgate.xmpp.s2s.S2sFailure;
import io.fedgate.xmpp.s2s.S2sSettings;
import io.fedgate.xmpp.s2s.SecurityMode;
import io.fedgate.xmpp.s2s.TestStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link S2sService} as the appliance uses it, between a.test and b.test on loopback. */
class S2sServiceIT {
  private static final Map<String, SrvTarget> DNS = new ConcurrentHashMap<>();
  private static S2sNode a;
  private static S2sNode b;

  @BeforeAll
  static void start() throws Exception {
    TestPki pki = TestPki.shared();
    a = new S2sNode("a.test", "127.0.0.10", identity("a.test", pki), DNS).start();
    b = new S2sNode("b.test", "127.0.0.11", identity("b.test", pki), DNS).start();
  }

  private static io.fedgate.certstore.pki.Identity identity(String domain, TestPki pki) {
    return CertificateBuilder.leaf(domain)
        .dns(domain)
        .keyType(KeyType.EC_P256)
        .signedBy(pki.intermediate())
        .toIdentity();
  }

  @AfterEach
  void reset() {
    for (S2sNode node : List.of(a, b)) {
      node.service.disconnectAll();
      node.settings.set(S2sSettings.defaults(S2sNode.SECRET));
      node.admission.set(Admission.allowAll());
      node.partners.clear();
      node.dns.put(node.domain, SrvTarget.plain(node.address, node.starttls.getPort()));
    }
    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(5))
        .until(() -> a.service.connections().isEmpty() && b.service.connections().isEmpty());
    a.received.clear();
    b.received.clear();
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
  }

  private static XmlElement message(String id) {
    return new XmlElement(
            Namespaces.CLIENT,
            "message",
            Map.of("from", "alice@a.test/desk", "to", "bob@b.test", "id", id),
            List.of())
        .withChild(XmlElement.of(Namespaces.CLIENT, "body").withChild("text " + id));
  }

  private static List<String> receivedIds(int count) {
    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(5))
        .until(() -> b.received.size() >= count);
    List<String> ids = new ArrayList<>();
    b.received.forEach(m -> ids.add(m.attribute("id").orElse("")));
    return ids;
  }

  @Test
  void queuedStanzasGoOutInOrderOnOneReusedStreamWithItsTlsDetails() {
    for (int i = 0; i < 20; i++) {
      a.service.send(message("m" + i), c -> {});
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add("m" + i);
    }
    assertThat(receivedIds(20)).containsExactlyElementsOf(expected);
    a.service.send(message("later"), c -> {});
    assertThat(receivedIds(21)).endsWith("later");

    List<S2sConnection> out = a.service.connections();
    assertThat(out).hasSize(1);
    S2sConnection link = out.get(0);
    assertThat(link.localDomain()).isEqualTo("a.test");
    assertThat(link.remoteDomain()).isEqualTo("b.test");
    assertThat(link.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(link.authMethod()).isEqualTo(AuthMethod.SASL_EXTERNAL);
    assertThat(link.tlsVersion()).hasValueSatisfying(v -> assertThat(v).startsWith("TLSv1."));
    assertThat(link.cipherSuite()).isPresent();
    assertThat(link.stanzasOut()).isEqualTo(21);
    assertThat(link.peerAddress()).startsWith("127.0.0.11:");
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> b.service.connections().stream().anyMatch(c -> c.stanzasIn() == 21));
    assertThat(b.service.connections())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.direction()).isEqualTo(Direction.INBOUND);
              assertThat(c.remoteDomain()).isEqualTo("a.test");
            });
  }

  @Test
  void directTlsTargetsSkipStartTls() {
    DNS.put("b.test", new SrvTarget("127.0.0.11", b.directTls.getPort(), true, 0, 0));

    a.service.send(message("direct"), c -> {});

    assertThat(receivedIds(1)).containsExactly("direct");
    assertThat(a.service.connections())
        .singleElement()
        .extracting(S2sConnection::authMethod)
        .isEqualTo(AuthMethod.SASL_EXTERNAL);
  }

  @Test
  void theTestRunsEachStepOfOneNegotiation() throws Exception {
    List<TestStep> steps = a.service.test("b.test").toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(steps)
        .extracting(s -> s.step() + " " + s.outcome())
        .containsExactly(
            "DNS PASSED",
            "TCP PASSED",
            "STARTTLS PASSED",
            "CERTIFICATE PASSED",
            "SASL_EXTERNAL PASSED",
            "DIALBACK SKIPPED",
            "RESULT PASSED");
    assertThat(steps.get(1).detail()).contains("127.0.0.11:" + b.starttls.getPort());

    List<TestStep> unknown =
        a.service.test("nowhere.example").toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(unknown)
        .extracting(s -> s.step() + " " + s.outcome())
        .containsExactly("DNS FAILED", "RESULT FAILED");
  }

  @Test
  void admissionRefusesBeforeConnecting() throws Exception {
    a.admission.set(r -> Admission.Decision.refuse("POLICY_DENY", "b.test is not allowed"));
    CompletableFuture<String> bounced = new CompletableFuture<>();

    a.service.send(message("denied"), bounced::complete);

    assertThat(bounced.get(5, TimeUnit.SECONDS)).isEqualTo("not-allowed");
    assertThat(a.service.connections()).isEmpty();
    assertThat(a.service.failures("b.test"))
        .first()
        .extracting(S2sFailure::reason, S2sFailure::detail)
        .containsExactly(FailureReason.ADMISSION_REFUSED, "[POLICY_DENY] b.test is not allowed");
  }

  @Test
  void mismatchedSecurityModesFailWithTheirReason() throws Exception {
    a.settings.set(S2sSettings.defaults(S2sNode.SECRET).withSecurityMode(SecurityMode.NO_TLS));
    CompletableFuture<String> first = new CompletableFuture<>();
    a.service.send(message("plain"), first::complete);
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("remote-server-not-found");
    assertThat(a.service.failures("b.test"))
        .extracting(S2sFailure::reason)
        .contains(FailureReason.TLS_REFUSED_BY_POLICY);

    reset();
    b.settings.set(S2sSettings.defaults(S2sNode.SECRET).withSecurityMode(SecurityMode.NO_TLS));
    CompletableFuture<String> second = new CompletableFuture<>();
    a.service.send(message("tls"), second::complete);
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("remote-server-not-found");
    assertThat(a.service.failures("b.test"))
        .extracting(S2sFailure::reason)
        .contains(FailureReason.TLS_REQUIRED);
    assertThat(b.received).isEmpty();
  }

  @Test
  void anIdleStreamClosesAndTheNextStanzaReopensIt() {
    S2sSettings quick =
        S2sSettings.defaults(S2sNode.SECRET)
            .withTimeouts(Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(10));
    a.settings.set(quick);
    a.service.send(message("before"), c -> {});
    assertThat(receivedIds(1)).containsExactly("before");

    await()
        .pollInterval(Duration.ofMillis(20))
        .atMost(Duration.ofSeconds(5))
        .until(() -> a.service.connections().isEmpty());
    a.service.send(message("after"), c -> {});

    assertThat(receivedIds(2)).containsExactly("before", "after");
  }

  @Test
  void anIdleOutboundStreamSendsWhitespaceKeepAlivesUntilTheIdleTimeoutClosesIt() throws Exception {
    plainWithShortIdleTimeout();
    try (Relay relay = new Relay("127.0.0.17", b.starttls)) {
      String afterTheStanza = sendOneThenAwaitIdleClose(relay, "keep");
      String beforeTheEnd = afterTheStanza.substring(0, afterTheStanza.indexOf("</stream:stream>"));
      // keep-alives every 400 ms (a quarter of the idle timeout), then the idle close
      assertThat(beforeTheEnd).isNotEmpty().isBlank();
      assertThat(beforeTheEnd.length()).isGreaterThanOrEqualTo(2);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  a.service.connections().stream()
                      .noneMatch(c -> c.direction() == Direction.OUTBOUND));
    }
  }

  @Test
  void aPartnerWithoutKeepAliveGetsNothingBetweenStanzasUntilTheIdleClose() throws Exception {
    plainWithShortIdleTimeout();
    a.partners.put(
        "b.test",
        new PartnerSettings(
            "b.test",
            List.of(),
            PartnerType.FEDERATED,
            Negotiation.NOT_SUPPORTED,
            Negotiation.NOT_SUPPORTED,
            true,
            4,
            false));
    try (Relay relay = new Relay("127.0.0.17", b.starttls)) {
      // the idle close (1.6 s) comes with no whitespace before it (keep-alives would be every 400
      // ms)
      assertThat(sendOneThenAwaitIdleClose(relay, "quiet")).startsWith("</stream:stream>");
    }
  }

  /**
   * No TLS, so the relay between a.test and b.test sees a.test's bytes as they are; idle timeout
   * 1.6 s.
   */
  private void plainWithShortIdleTimeout() {
    S2sSettings plain =
        S2sSettings.defaults(S2sNode.SECRET)
            .withSecurityMode(SecurityMode.NO_TLS)
            .withTimeouts(Duration.ofMillis(1600), Duration.ofSeconds(5), Duration.ofSeconds(10));
    a.settings.set(plain);
    b.settings.set(plain);
  }

  /**
   * Sends one message from a.test to b.test through the relay, waits for its delivery and then for
   * a.test's stream end; answers what a.test wrote after the stanza.
   */
  private String sendOneThenAwaitIdleClose(Relay relay, String id) throws Exception {
    a.dns.put("b.test", SrvTarget.plain("127.0.0.17", relay.port()));
    a.service.send(message(id), c -> {});
    assertThat(receivedIds(1)).containsExactly(id);
    int mark = relay.fromInitiator().length();
    await()
        .pollInterval(Duration.ofMillis(20))
        .atMost(Duration.ofSeconds(10))
        .until(() -> relay.fromInitiator().contains("</stream:stream>"));
    return relay.fromInitiator().substring(mark);
  }

  @Test
  void aPartnerAtItsConnectionLimitIsRefusedUntilAConnectionCloses() throws Exception {
    b.partners.put(
        "a.test",
        new PartnerSettings(
            "a.test",
            List.of(),
            PartnerType.FEDERATED,
            Negotiation.REQUIRED,
            Negotiation.REQUIRED,
            false,
            1,
            true));
    a.service.send(message("first"), c -> {});
    assertThat(receivedIds(1)).containsExactly("first");
    // a second a.test server (same certificate, its own address) opens a second connection
    Map<String, SrvTarget> otherDns = new ConcurrentHashMap<>(DNS);
    try (S2sNode second = new S2sNode("a.test", "127.0.0.18", a.identity.get(), otherDns)) {
      second.start();
      CompletableFuture<String> bounced = new CompletableFuture<>();
      List<S2sFailure> before = b.service.failures("a.test");

      second.service.send(message("second"), bounced::complete);

      assertThat(bounced.get(10, TimeUnit.SECONDS)).isNotEmpty();
      assertThat(b.received).extracting(m -> m.attribute("id").orElse("")).containsExactly("first");
      assertThat(b.service.failures("a.test"))
          .hasSizeGreaterThan(before.size())
          .first()
          .satisfies(
              f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.ADMISSION_REFUSED);
                assertThat(f.detail()).contains("PARTNER_CONNECTION_LIMIT", "connectionLimit 1");
              });

      a.service.disconnectAll();
      await()
          .pollInterval(Duration.ofMillis(10))
          .atMost(Duration.ofSeconds(5))
          .until(() -> b.service.connections().isEmpty());
      second.service.disconnectAll(); // its back-off after the refusal
      second.service.send(message("third"), c -> {});
      assertThat(receivedIds(2)).containsExactly("first", "third");
    }
  }

  /** A TCP relay on its own address that records what the connecting side sends. */
  private static final class Relay implements AutoCloseable {
    private final java.net.ServerSocket server;
    private final StringBuffer fromInitiator = new StringBuffer();
    private final List<java.net.Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

    Relay(String address, java.net.InetSocketAddress target) throws java.io.IOException {
      server = new java.net.ServerSocket(0, 8, java.net.InetAddress.getByName(address));
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    java.net.Socket in = server.accept();
                    java.net.Socket out =
                        new java.net.Socket(target.getAddress(), target.getPort());
                    sockets.add(in);
                    sockets.add(out);
                    pump(in, out, true);
                    pump(out, in, false);
                  }
                } catch (java.io.IOException closed) {
                  // the relay is closed
                }
              },
              "relay-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void pump(java.net.Socket from, java.net.Socket to, boolean record) {
      Thread pump =
          new Thread(
              () -> {
                byte[] buf = new byte[8192];
                try {
                  for (int n = from.getInputStream().read(buf);
                      n >= 0;
                      n = from.getInputStream().read(buf)) {
                    if (record) {
                      fromInitiator.append(
                          new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                    }
                    to.getOutputStream().write(buf, 0, n);
                  }
                  to.shutdownOutput();
                } catch (java.io.IOException closed) {
                  // either side went away
                }
              },
              "relay-pump");
      pump.setDaemon(true);
      pump.start();
    }

    int port() {
      return server.getLocalPort();
    }

    String fromInitiator() {
      return fromInitiator.toString();
    }

    @Override
    public void close() throws java.io.IOException {
      server.close();
      for (java.net.Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
