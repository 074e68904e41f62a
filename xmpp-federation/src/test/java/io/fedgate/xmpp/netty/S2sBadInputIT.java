package io.fedgate.xmpp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.dns.SrvTarget;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.S2sFailure;
import io.fedgate.xmpp.s2s.S2sSettings;
import io.fedgate.xmpp.s2s.SecurityMode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken peers against b.test (127.0.0.11): each is contained to its connection,
 * recorded with a reason, and a.test (127.0.0.10) keeps exchanging stanzas with b.test meanwhile.
 * TLS is optional here so that raw sockets can speak plain XML.
 */
class S2sBadInputIT {
  private static final Map<String, SrvTarget> DNS = new ConcurrentHashMap<>();
  private static S2sNode a;
  private static S2sNode b;
  private static int sequence;

  @BeforeAll
  static void start() throws Exception {
    TestPki pki = TestPki.shared();
    a = new S2sNode("a.test", "127.0.0.10", identity("a.test", pki), DNS);
    b = new S2sNode("b.test", "127.0.0.11", identity("b.test", pki), DNS);
    S2sSettings settings =
        S2sSettings.defaults(S2sNode.SECRET)
            .withSecurityMode(SecurityMode.TLS_OPTIONAL)
            .withTimeouts(Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofSeconds(10));
    a.settings.set(settings);
    b.settings.set(settings);
    a.start();
    b.start();
  }

  private static io.fedgate.certstore.pki.Identity identity(String domain, TestPki pki) {
    return CertificateBuilder.leaf(domain)
        .dns(domain)
        .keyType(KeyType.EC_P256)
        .signedBy(pki.intermediate())
        .toIdentity();
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
  }

  @AfterEach
  void healthyTrafficStillFlows() throws Exception {
    String id = "ok" + (++sequence);
    CompletableFuture<String> bounced = new CompletableFuture<>();
    a.service.send(message("alice@a.test", "bob@b.test", id), bounced::complete);
    await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(5))
        .failFast(
            () -> {
              if (bounced.isDone()) {
                throw new AssertionError(
                    "bounced " + bounced.getNow("") + ": " + a.service.failures("b.test"));
              }
            })
        .until(() -> b.received.stream().anyMatch(m -> m.attribute("id").orElse("").equals(id)));
  }

  private static XmlElement message(String from, String to, String id) {
    return new XmlElement(
            Namespaces.CLIENT, "message", Map.of("from", from, "to", to, "id", id), List.of())
        .withChild(XmlElement.of(Namespaces.CLIENT, "body").withChild("text"));
  }

  private static RawXmppClient raw() throws Exception {
    return RawXmppClient.plain(b.starttls);
  }

  private static String header(String from) {
    return "<?xml version='1.0'?><stream:stream xmlns='jabber:server'"
        + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback'"
        + " from='"
        + from
        + "' to='b.test' version='1.0'>";
  }

  private static List<FailureReason> reasons(S2sNode node, String domain) {
    return node.service.failures(domain).stream().map(S2sFailure::reason).toList();
  }

  @Test
  void garbageGetsNotWellFormedAndTheConnectionCloses() throws Exception {
    try (RawXmppClient client = raw()) {
      String answer = client.send("\u0001\u0002GET / HTTP/1.1\r\nHost: b.test\r\n\r\n").readToEnd();

      assertThat(answer).contains("<not-well-formed").endsWith("</stream:stream>");
      assertThat(answer).doesNotContain("Exception", "at io.");
    }
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> reasons(b, "").contains(FailureReason.STREAM_ERROR_SENT));
  }

  @Test
  void aPeerThatNeverFinishesIsDroppedAfterTheNegotiationTimeout() throws Exception {
    S2sSettings normal = b.settings.get();
    // read when a connection is accepted: only the next one gets the short timeout
    b.settings.set(
        normal.withTimeouts(normal.idleTimeout(), normal.connectTimeout(), Duration.ofMillis(500)));
    try (RawXmppClient client = raw()) {
      client.send(header("slow.example")).readUntil("</stream:features>");
      b.settings.set(normal);

      String answer = client.readToEnd();

      assertThat(answer).contains("<connection-timeout").endsWith("</stream:stream>");
    } finally {
      b.settings.set(normal);
    }
    assertThat(reasons(b, "slow.example")).contains(FailureReason.NEGOTIATION_TIMEOUT);
  }

  @Test
  void healthyTrafficFlowsWhileHostilePeersHoldTheirConnections() throws Exception {
    try (RawXmppClient stalled = raw();
        RawXmppClient midStanza = raw();
        RawXmppClient verifying = raw()) {
      stalled.send(header("stalled.example")).readUntil("</stream:features>");
      midStanza.send(header("a.test")).readUntil("</stream:features>");
      midStanza.send("<message from='x@a.test' to='bob@b.test'><body>never end");
      verifying.send(header("c.example")).readUntil("</stream:features>");
      for (int i = 0; i < 20; i++) {
        verifying.send(
            "<db:verify from='c.example' to='b.test' id='v"
                + i
                + "'>"
                + "0".repeat(64)
                + "</db:verify>");
      }

      // while all three are open, a.test -> b.test delivers (checked again after the test)
      healthyTrafficStillFlows();
      assertThat(b.received).noneMatch(m -> m.attribute("from").orElse("").equals("x@a.test"));
    }
  }

  @Test
  void aPeerClaimingADomainItCannotProveIsRefusedByTheAuthoritativeServer() throws Exception {
    try (RawXmppClient client = raw()) {
      client.send(header("a.test")).readUntil("</stream:features>");

      String answer =
          client
              .send("<db:result from='a.test' to='b.test'>" + "0".repeat(64) + "</db:result>")
              .readToEnd();

      assertThat(answer).contains("type='invalid'").endsWith("</stream:stream>");
    }
    assertThat(reasons(b, "a.test")).contains(FailureReason.DIALBACK_INVALID);
    assertThat(b.received)
        .noneMatch(
            m -> m.attribute("from").orElse("").endsWith("@a.test") && m.attribute("id").isEmpty());
  }

  @Test
  void connectionsOverThePerAddressLimitAreRefusedWithPolicyViolation() throws Exception {
    InetAddress flooder = InetAddress.getByName("127.0.0.16");
    b.service.maxInboundPerAddress(2);
    try (RawXmppClient first = RawXmppClient.plainFrom(b.starttls, flooder);
        RawXmppClient second = RawXmppClient.plainFrom(b.starttls, flooder)) {
      first.send(header("many.example")).readUntil("</stream:features>");
      second.send(header("many.example")).readUntil("</stream:features>");

      try (RawXmppClient third = RawXmppClient.plainFrom(b.starttls, flooder)) {
        String refused = third.readToEnd();
        assertThat(refused)
            .startsWith("<?xml version='1.0'?><stream:stream")
            .contains("<policy-violation", "more than 2 inbound S2S connections from 127.0.0.16")
            .endsWith("</stream:stream>");
      }
      assertThat(b.service.failures(""))
          .anySatisfy(
              f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.STREAM_ERROR_SENT);
                assertThat(f.detail()).startsWith("policy-violation: more than 2");
                assertThat(f.peerAddress()).startsWith("127.0.0.16:");
              });

      // the first two are untouched; once one is gone, a new one from there is accepted
      first.send("</stream:stream>").readToEnd();
      await()
          .atMost(Duration.ofSeconds(5))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                try (RawXmppClient again = RawXmppClient.plainFrom(b.starttls, flooder)) {
                  assertThat(again.send(header("many.example")).readUntil("</stream:features>"))
                      .doesNotContain("policy-violation");
                }
              });
      assertThat(second.send("</stream:stream>").readToEnd())
          .endsWith("</stream:stream>")
          .doesNotContain("policy-violation");
    } finally {
      b.service.maxInboundPerAddress(0);
    }
  }

  @Test
  void aFloodOfDbVerifyEndsOnlyThatStream() throws Exception {
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      flood
          .append("<db:verify from='flood.example' to='b.test' id='")
          .append(i)
          .append("'>00</db:verify>");
    }
    try (RawXmppClient client = raw()) {
      client.send(header("flood.example")).readUntil("</stream:features>");

      String answer = client.send(flood.toString()).readToEnd();

      assertThat(answer)
          .contains("type='invalid'", "<policy-violation")
          .endsWith("</stream:stream>");
    }
    assertThat(reasons(b, "flood.example")).contains(FailureReason.STREAM_ERROR_SENT);
  }

  @Test
  void aPeerDisconnectingMidStanzaLosesOnlyItsConnection() throws Exception {
    try (RawXmppClient client = raw()) {
      client.send(header("cut.example")).readUntil("</stream:features>");
      client.send("<message from='x@cut.example' to='bob@b.test'><body>half a sta");
    }
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> reasons(b, "cut.example").contains(FailureReason.CONNECTION_LOST));
    assertThat(b.received).noneMatch(m -> m.attribute("from").orElse("").endsWith("cut.example"));
  }

  @Test
  void aServerDisconnectingMidStreamBouncesTheQueuedStanzas() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.12"))) {
      DNS.put("broken.example", SrvTarget.plain("127.0.0.12", server.getLocalPort()));
      CompletableFuture<Void> peer =
          CompletableFuture.runAsync(
              () -> {
                try (Socket socket = server.accept()) {
                  InputStream in = socket.getInputStream();
                  in.read(new byte[4096]);
                  OutputStream out = socket.getOutputStream();
                  out.write(
                      ("<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
                              + " from='broken.example' id='x1' version='1.0'><stream:features><starttls xmlns=")
                          .getBytes(StandardCharsets.UTF_8));
                  out.flush();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      CompletableFuture<String> bounced = new CompletableFuture<>();

      a.service.send(message("alice@a.test", "eve@broken.example", "lost"), bounced::complete);

      assertThat(bounced.get(5, java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo("remote-server-timeout");
      peer.get(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(reasons(a, "broken.example")).contains(FailureReason.CONNECTION_LOST);
    }
  }

  @Test
  void anUnknownDomainBouncesWithRemoteServerNotFound() throws Exception {
    CompletableFuture<String> bounced = new CompletableFuture<>();

    a.service.send(message("alice@a.test", "x@nowhere.example", "nx"), bounced::complete);

    assertThat(bounced.get(5, java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo("remote-server-not-found");
    assertThat(reasons(a, "nowhere.example")).contains(FailureReason.DNS_NOT_FOUND);
  }
}
