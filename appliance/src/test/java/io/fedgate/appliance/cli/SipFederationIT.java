package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fedgate.appliance.sip.SipProxyService;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.RefusalReason;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.sip.interop.LyncPeer;
import io.fedgate.sip.jain.InboundRequest;
import io.fedgate.sip.jain.SipTls;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster.SubscriptionMode;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.LoggerFactory;

/**
 * A Smack user of a real node and a simulated Lync user of partner.test (Edge on 127.0.0.70) over
 * the SIP Proxy's peer-auth listener with mutual TLS: the operator's steps through the CLI (trust,
 * SIP federated domain, static route, ACL, service restart), then IM both ways in page and session
 * mode, typing, BYE, and an ACL refusal of an unlisted Edge (127.0.0.71); BENOTIFY on the Edge's
 * own connection, IM Gateway Status off, an Edge whose certificate the TLS context refuses, and
 * failover around a dead first next hop (127.0.0.72) with its health in the route explainer.
 */
class SipFederationIT {
  static final String EDGE = "127.0.0.70";
  static final String ROGUE = "127.0.0.71";
  static final String DEAD_HOP = "127.0.0.72";
  static final Duration WAIT = Duration.ofSeconds(8);

  @TempDir static Path temp;
  static TestNode node;
  static SmackClients clients;
  static LyncPeer lync;
  static InetSocketAddress gw;
  static String gwName;
  static X509Certificate cup;
  static IssuedIdentity edgeIdentity;

  final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
  XMPPTCPConnection bob;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(temp.resolve("data"));
    clients = SmackClients.of(node, temp);
    Path cupPem = temp.resolve("cup.pem");
    assertThat(node.local("certs", "export", "cup", "cup", "--out", cupPem.toString()).exitCode())
        .isZero();
    try (var in = Files.newInputStream(cupPem)) {
      cup = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    gwName =
        cup.getSubjectAlternativeNames().stream()
            .filter(n -> (Integer) n.get(0) == 2)
            .map(n -> (String) n.get(1))
            .findFirst()
            .orElseThrow();
    Instant now = Instant.now();
    edgeIdentity =
        CertificateBuilder.leaf("sip.partner.test")
            .dns("sip.partner.test", "partner.test")
            .ip(EDGE, ROGUE)
            .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)))
            .signedBy(TestCertificates.PKI.intermediate());
    lync = edge(EDGE);

    Path root =
        TestCertificates.write(
            temp.resolve("root.pem"),
            TestFiles.pem(List.of(TestCertificates.PKI.root().certificate())));
    ok(node.local("certs", "import-trust", "cup-trust", root.toString()));
    ok(node.local("sip-domains", "add", "partner.test"));
    ok(
        node.local(
            "routes",
            "add",
            "--domain",
            "partner.test",
            "--next-hop",
            EDGE,
            "--port",
            String.valueOf(lync.address().getPort()),
            "--protocol",
            "tls",
            "--priority",
            "5"));
    ok(node.local("acl", "add", "ip", EDGE));
    // the peer-auth TLS context admits only this partner's Edge name
    ok(node.local("tls", "peer-subjects", "add", "sip.partner.test"));
    ok(node.local("utils", "service", "restart", "SIP Proxy"));
    String status = node.local("status").out();
    Matcher bound =
        Pattern.compile("(?m)^\\s*sip-peer-auth\\s+\\S+\\s+bound (\\d+)").matcher(status);
    assertThat(bound.find()).as(status).isTrue();
    gw = new InetSocketAddress("127.0.0.1", Integer.parseInt(bound.group(1)));
  }

  static LyncPeer edge(String address) throws Exception {
    return LyncPeer.start(
        new LyncPeer.Settings(
            "partner.test",
            "alice",
            new InetSocketAddress(address, 0),
            new SipTls(
                edgeIdentity.toIdentity(),
                new TrustedCertificates("lync-trust", List.of(cup)),
                List.of(),
                List.of("TLSv1.2"),
                List.of(
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                new PeerTrust(Clock.systemUTC()),
                d -> {}),
            Duration.ofSeconds(5)));
  }

  static void ok(TestNode.CliRun run) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
  }

  @AfterAll
  static void stop() {
    if (lync != null) {
      lync.close();
    }
    node.close();
  }

  @AfterEach
  void disconnect() {
    clients.disconnectAll();
  }

  XMPPTCPConnection bob() throws Exception {
    XMPPTCPConnection connection = clients.login("bob", SubscribeAnswer.Approve);
    connection.addAsyncStanzaListener(
        (Stanza s) -> inbox.add((Message) s), StanzaTypeFilter.MESSAGE);
    return connection;
  }

  String bobUri() {
    return "sip:bob@" + clients.domain();
  }

  static String text(InboundRequest request) {
    byte[] raw = request.request().getRawContent();
    return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
  }

  /**
   * The next message with this body (an earlier test's message redelivered by stream management, or
   * one without a body, is skipped), or null after {@link #WAIT}.
   */
  Message nextWithBody(String body) throws InterruptedException {
    return nextWithBody(body, WAIT);
  }

  Message nextWithBody(String body, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Message m = inbox.poll(200, TimeUnit.MILLISECONDS);
      if (m != null && body.equals(m.getBody())) {
        return m;
      }
    }
    return null;
  }

  @Test
  void aLyncPageMessageReachesTheSmackUser() throws Exception {
    bob = bob();

    var response = lync.message(bobUri(), "Hello from Lync", gw, gwName);

    assertThat(response.getStatusCode()).isEqualTo(200);
    Message received = nextWithBody("Hello from Lync");
    assertThat(received).isNotNull();
    assertThat(received.getBody()).isEqualTo("Hello from Lync");
    assertThat(received.getFrom().asBareJid().toString()).isEqualTo("alice@partner.test");
  }

  @Test
  void aSmackMessageReachesTheLyncUserAsPageModeMessage() throws Exception {
    bob = bob();

    bob.sendStanza(
        bob.getStanzaFactory()
            .buildMessageStanza()
            .to(JidCreate.entityBareFrom("alice@partner.test"))
            .setBody("Hello from XMPP")
            .build());

    InboundRequest received = lync.next("MESSAGE", WAIT).orElseThrow();
    assertThat(text(received)).isEqualTo("Hello from XMPP");
    assertThat(received.request().getHeader("From").toString()).contains(bobUri());
  }

  @Test
  void aLyncSessionDeliversTheEmbeddedMessageTypingAFollowUpAndGone() throws Exception {
    bob = bob();

    LyncPeer.Session session = lync.invite(bobUri(), "Hi, it's Alice", gw, gwName).orElseThrow();
    assertThat(nextWithBody("Hi, it's Alice")).as("the embedded message").isNotNull();

    assertThat(lync.typing(session, gw, gwName).getStatusCode()).isEqualTo(200);
    assertThat(lync.say(session, "Got a minute?", gw, gwName).getStatusCode()).isEqualTo(200);
    assertThat(nextWithBody("Got a minute?")).as("the follow-up").isNotNull();

    assertThat(lync.bye(session, gw, gwName).getStatusCode()).isEqualTo(200);
    long deadline = System.nanoTime() + WAIT.toNanos();
    boolean gone = false;
    while (!gone && System.nanoTime() < deadline) {
      Message m = inbox.poll(200, TimeUnit.MILLISECONDS);
      gone =
          m != null
              && m.getExtension(ChatStateExtension.NAMESPACE) instanceof ChatStateExtension state
              && state.getChatState() == ChatState.gone;
    }
    assertThat(gone).as("a <gone/> chat state after BYE").isTrue();
  }

  @Test
  void aSmackChatOpensALyncSessionWithTheMessageEmbedded() throws Exception {
    bob = bob();

    bob.sendStanza(
        bob.getStanzaFactory()
            .buildMessageStanza()
            .ofType(Message.Type.chat)
            .to(JidCreate.entityBareFrom("alice@partner.test"))
            .setBody("Lunch?")
            .build());

    InboundRequest invite = lync.next("INVITE", WAIT).orElseThrow();
    String embedded = invite.request().getHeader("ms-text-format").toString();
    String base64 = embedded.substring(embedded.indexOf("ms-body=") + 8).trim();
    assertThat(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8))
        .isEqualTo("Lunch?");
    assertThat(lync.next("ACK", WAIT)).isPresent();
  }

  @Test
  void anEdgeThatIsNotInTheIncomingAclIsRefusedWithADiagnostic() throws Exception {
    try (LyncPeer rogue = edge(ROGUE)) {
      var response = rogue.message(bobUri(), "let me in", gw, gwName);

      assertThat(response.getStatusCode()).isEqualTo(403);
      assertThat(response.getHeader("ms-diagnostics").toString())
          .contains("fedgate-code=\"acl.denied-ip-not-listed\"");
    }
  }

  @Test
  void theInteropCommandRunsTheLyncFlowsAgainstTheNode() throws Exception {
    Path p12 =
        TestCertificates.write(
            temp.resolve("edge.p12"), TestFiles.pkcs12(edgeIdentity, "edge-pw".toCharArray()));
    Path password = Files.writeString(temp.resolve("edge.pw"), "edge-pw");
    Path trust = temp.resolve("cup.pem");

    TestNode.CliRun run =
        node.cli(
            "interop",
            "lync",
            "--domain",
            "partner.test",
            "--target",
            "127.0.0.1:" + gw.getPort(),
            "--target-name",
            gwName,
            "--to",
            "bob@" + clients.domain(),
            "--identity",
            p12.toString(),
            "--identity-password-file",
            password.toString(),
            "--trust",
            trust.toString(),
            "--listen",
            EDGE + ":0");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("PASS OPTIONS", "PASS page-mode MESSAGE", "PASS BYE")
        .contains("summary: 6 passed, 0 failed");
  }

  @Test
  void aLyncBenotifyOnItsOwnConnectionReachesTheSmackUserAndIsNeverAnswered() throws Exception {
    bob = bob();
    BlockingQueue<Presence> presences = new LinkedBlockingQueue<>();
    bob.addAsyncStanzaListener(
        (Stanza s) -> presences.add((Presence) s), StanzaTypeFilter.PRESENCE);

    try (LyncPeer fresh = edge(EDGE)) {
      fresh.notifyPresence(bobUri(), "open", "Lync via BENOTIFY", true, gw, gwName);

      Presence seen = null;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (seen == null && System.nanoTime() < deadline) {
        Presence p = presences.poll(200, TimeUnit.MILLISECONDS);
        if (p != null && "Lync via BENOTIFY".equals(p.getStatus())) {
          seen = p;
        }
      }
      assertThat(seen).as("presence from the BENOTIFY").isNotNull();
      assertThat(seen.getFrom().asBareJid().toString()).isEqualTo("alice@partner.test");
      assertThat(seen.getType()).isEqualTo(Presence.Type.available);
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(() -> fresh.strayResponses() == 0);
    }
  }

  @Test
  void withImGatewayStatusOffLyncImIsRefusedAndSmackMessagesBounce() throws Exception {
    bob = bob();
    ok(node.local("utils", "param", "set", "sip.im-gateway-status", "false"));
    try {
      var response = lync.message(bobUri(), "anyone there?", gw, gwName);
      assertThat(response.getStatusCode()).isEqualTo(403);
      assertThat(response.getHeader("ms-diagnostics").toString())
          .contains("fedgate-code=\"im-gateway.off\"");

      bob.sendStanza(
          bob.getStanzaFactory()
              .buildMessageStanza()
              .ofType(Message.Type.chat)
              .to(JidCreate.entityBareFrom("alice@partner.test"))
              .setBody("is the gateway on?")
              .build());
      Message bounce = nextOfType(Message.Type.error);
      assertThat(bounce).as("the message bounced").isNotNull();
      assertThat(bounce.getError().getCondition())
          .isEqualTo(org.jivesoftware.smack.packet.StanzaError.Condition.service_unavailable);
      assertThat(lync.next("INVITE", Duration.ofMillis(300))).isEmpty();
    } finally {
      ok(node.local("utils", "param", "set", "sip.im-gateway-status", "true"));
    }
    assertThat(lync.message(bobUri(), "back on", gw, gwName).getStatusCode()).isEqualTo(200);
  }

  Message nextOfType(Message.Type type) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Message m = inbox.poll(200, TimeUnit.MILLISECONDS);
      if (m != null && m.getType() == type) {
        return m;
      }
    }
    return null;
  }

  /**
   * PROTOCOL.md §4.1 end to end: Carol adds a Lync contact; the node subscribes, a pending NOTIFY
   * gives her nothing, the first active one gives her {@code subscribed} and the contact's
   * presence.
   */
  @Test
  void aSmackUsersSubscriptionToALyncContactIsGrantedByTheFirstActiveNotify() throws Exception {
    XMPPTCPConnection carol = clients.login("carol", SubscribeAnswer.Approve);
    org.jivesoftware.smack.roster.Roster roster =
        org.jivesoftware.smack.roster.Roster.getInstanceFor(carol);
    org.jxmpp.jid.BareJid alice = JidCreate.bareFrom("alice@partner.test");

    roster.createItemAndRequestSubscription(alice, "Alice", null);

    InboundRequest subscribe = lync.next("SUBSCRIBE", WAIT).orElseThrow();
    assertThat(subscribe.request().getHeader("From").toString()).contains("carol@");
    assertThat(subscribe.request().getHeader("Event").toString()).contains("presence");
    assertThat(
            lync.notifySubscriber(subscribe, "pending;expires=3600", null, null, gw, gwName)
                .getStatusCode())
        .isEqualTo(200);
    assertThat(
            lync.notifySubscriber(
                    subscribe, "active;expires=3600", "open", "Available on Lync", gw, gwName)
                .getStatusCode())
        .isEqualTo(200);

    await()
        .atMost(WAIT)
        .until(
            () ->
                roster.getEntry(alice) != null
                    && (roster.getEntry(alice).getType()
                            == org.jivesoftware.smack.roster.packet.RosterPacket.ItemType.to
                        || roster.getEntry(alice).getType()
                            == org.jivesoftware.smack.roster.packet.RosterPacket.ItemType.both));
    await()
        .atMost(WAIT)
        .until(
            () ->
                roster.getPresence(alice).isAvailable()
                    && "Available on Lync".equals(roster.getPresence(alice).getStatus()));
  }

  @Test
  void anEdgeWhoseCertificateIsNoTlsPeerSubjectIsRefusedAndNothingReachesTheUser()
      throws Exception {
    bob = bob();
    Logger logger = (Logger) LoggerFactory.getLogger(SipProxyService.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    Instant now = Instant.now();
    IssuedIdentity stranger =
        CertificateBuilder.leaf("sip.stranger.test")
            .dns("sip.stranger.test", "stranger.test")
            .ip(EDGE)
            .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)))
            .signedBy(TestCertificates.PKI.intermediate()); // chains to cup-trust
    try (LyncPeer edge =
        LyncPeer.start(
            new LyncPeer.Settings(
                "partner.test",
                "mallory",
                new InetSocketAddress(EDGE, 0),
                new SipTls(
                    stranger.toIdentity(),
                    new TrustedCertificates("lync-trust", List.of(cup)),
                    List.of(),
                    List.of("TLSv1.2"),
                    List.of(
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                    new PeerTrust(Clock.systemUTC()),
                    d -> {}),
                Duration.ofSeconds(3)))) {
      assertThatThrownBy(() -> edge.message(bobUri(), "not a partner", gw, gwName))
          .as("no SIP answer over a refused handshake")
          .isInstanceOf(Exception.class);

      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(logged.list)
                      .extracting(ILoggingEvent::getFormattedMessage)
                      .anySatisfy(
                          line ->
                              assertThat(line)
                                  .contains("SIP TLS peer", "refused")
                                  .contains(RefusalReason.NOT_IN_PEER_SUBJECTS.name())));
      assertThat(nextWithBody("not a partner", Duration.ofSeconds(1)))
          .as("nothing reaches Bob")
          .isNull();
    } finally {
      logger.detachAppender(logged);
    }
  }

  @Test
  void anEdgeWhoseCertificateIsNotInCupTrustIsRefusedInTheHandshakeWithAReasonCode()
      throws Exception {
    bob = bob();
    Logger logger = (Logger) LoggerFactory.getLogger(SipProxyService.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    Instant now = Instant.now();
    IssuedIdentity rogueCa =
        CertificateBuilder.ca("Rogue Federation CA")
            .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)))
            .selfSigned();
    IssuedIdentity impostor =
        CertificateBuilder.leaf("sip.partner.test")
            .dns("sip.partner.test", "partner.test")
            .ip(EDGE)
            .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)))
            .signedBy(rogueCa);
    try (LyncPeer rogue =
        LyncPeer.start(
            new LyncPeer.Settings(
                "partner.test",
                "mallory",
                new InetSocketAddress(EDGE, 0),
                new SipTls(
                    impostor.toIdentity(),
                    new TrustedCertificates("lync-trust", List.of(cup)),
                    List.of(),
                    List.of("TLSv1.2"),
                    List.of(
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                    new PeerTrust(Clock.systemUTC()),
                    d -> {}),
                Duration.ofSeconds(3)))) {
      assertThatThrownBy(() -> rogue.message(bobUri(), "trust me", gw, gwName))
          .as("no SIP answer over a refused handshake")
          .isInstanceOf(Exception.class);

      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(logged.list)
                      .extracting(ILoggingEvent::getFormattedMessage)
                      .anySatisfy(
                          line ->
                              assertThat(line)
                                  .contains("SIP TLS peer", "sip.partner.test", "refused")
                                  .contains(RefusalReason.UNTRUSTED_ROOT.name())));
      assertThat(nextWithBody("trust me", Duration.ofSeconds(1)))
          .as("nothing reaches Bob")
          .isNull();
    } finally {
      logger.detachAppender(logged);
    }
  }

  @Test
  void whenTheFirstNextHopIsDownMessagesFailOverAndTheExplainerShowsTheHopDown() throws Exception {
    bob = bob();
    int closedPort;
    try (java.net.ServerSocket probe =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(DEAD_HOP))) {
      closedPort = probe.getLocalPort();
    }
    ok(node.local("utils", "param", "set", "sip.options-ping-failures", "1"));
    TestNode.CliRun added =
        node.local(
            "routes",
            "add",
            "--domain",
            "partner.test",
            "--next-hop",
            DEAD_HOP,
            "--port",
            String.valueOf(closedPort),
            "--protocol",
            "tls",
            "--priority",
            "1");
    ok(added);
    Matcher id = Pattern.compile("route (\\d+):").matcher(added.out());
    assertThat(id.find()).as(added.out()).isTrue();
    try {
      String before = node.local("routes", "explain", "partner.test").out();
      assertThat(before)
          .contains("SIP next hops of partner.test")
          .containsPattern(Pattern.quote(DEAD_HOP + ":" + closedPort + "/TLS") + ".*not checked");

      bob.sendStanza(
          bob.getStanzaFactory()
              .buildMessageStanza()
              .to(JidCreate.entityBareFrom("alice@partner.test"))
              .setBody("around the dead hop")
              .build());

      InboundRequest received = lync.next("MESSAGE", Duration.ofSeconds(15)).orElseThrow();
      assertThat(text(received)).isEqualTo("around the dead hop");
      String after = node.local("routes", "explain", "partner.test").out();
      assertThat(after)
          .containsPattern(Pattern.quote(DEAD_HOP + ":" + closedPort + "/TLS") + ".* down for ")
          .containsPattern(Pattern.quote(EDGE + ":" + lync.address().getPort() + "/TLS") + ".* up");
    } finally {
      ok(node.local("routes", "remove", id.group(1)));
      ok(node.local("utils", "param", "set", "sip.options-ping-failures", "2"));
    }
  }

  static {
    // keep Smack's roster from asking for subscriptions on its own
    org.jivesoftware.smack.roster.Roster.setDefaultSubscriptionMode(SubscriptionMode.manual);
  }
}
