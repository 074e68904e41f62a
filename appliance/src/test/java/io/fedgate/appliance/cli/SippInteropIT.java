package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.testkit.IssuedIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster.SubscriptionMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.impl.JidCreate;

/**
 * SIPp (Debian's sip-tester) against a whole node, with a Smack user on the XMPP side, on two legs:
 *
 * <ul>
 *   <li>TLS: partner.test, a Lync-type SIP federated domain. SIPp has no TLS, so SIPp (TCP,
 *       127.0.0.32) -> stunnel client service (127.0.0.31, presents the partner's certificate,
 *       checks the node's {@code cup}) -> the node's peer-auth listener (mutual TLS, 127.0.0.30);
 *       and outbound the node -> the static route's next hop, a stunnel server service (127.0.0.31,
 *       the partner's certificate, requires the node's) -> SIPp as UAS (TCP, 127.0.0.32).
 *   <li>TCP: ocs.test, an OCS-over-TCP domain: SIPp (127.0.0.33) straight to the node's sip-tcp
 *       listener, and the route back to SIPp over TCP.
 * </ul>
 *
 * Each scenario (src/test/resources/sipp) must end with SIPp's exit code 0 (every expected response
 * came), and the Smack user must see the text, or SIPp's log the request the node sent.
 */
class SippInteropIT {
  static final String NODE = "127.0.0.30";
  static final String STUNNEL = "127.0.0.31";
  static final String SIPP_TLS = "127.0.0.32";
  static final String SIPP_TCP = "127.0.0.33";
  static final Duration WAIT = Duration.ofSeconds(10);

  /** Where the SIPp user sits: its domain, SIPp's address, how SIPp reaches the node. */
  enum Leg {
    TLS("partner.test", SIPP_TLS, "sip.partner.test"),
    TCP("ocs.test", SIPP_TCP, "sip.ocs.test");

    final String domain;
    final String address;
    final String edgeName;
    String target;
    int uasPort;

    Leg(String domain, String address, String edgeName) {
      this.domain = domain;
      this.address = address;
      this.edgeName = edgeName;
    }
  }

  @TempDir static Path temp;
  static TestNode node;
  static SmackClients clients;
  static SipPeers peers;

  final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
  int run;

  @BeforeAll
  static void start() throws Exception {
    SipPeers.requireBinaries("sipp", "stunnel", "ss");
    node =
        TestNode.start(
            temp.resolve("data"),
            String.join(
                "\n",
                "listener.sip-peer-auth.address = " + NODE,
                "listener.sip-tcp.enabled = true",
                "listener.sip-tcp.address = " + NODE,
                "listener.sip-tcp.port = 0",
                ""));
    clients = SmackClients.of(node, temp);
    peers = new SipPeers(temp);
    Path cup = temp.resolve("cup.pem");
    ok(node.local("certs", "export", "cup", "cup", "--out", cup.toString()));
    IssuedIdentity partner = SipPeers.leaf("sip.partner.test", "sip.partner.test", "partner.test");
    Path partnerPem = peers.writeIdentity("partner", partner);

    int stunnelClient = LoopbackPeers.freePort(STUNNEL);
    int stunnelServer = LoopbackPeers.freePort(STUNNEL);
    Leg.TLS.uasPort = LoopbackPeers.freePort(SIPP_TLS);
    Leg.TCP.uasPort = LoopbackPeers.freePort(SIPP_TCP);
    SipPartnerSetup.trustTestRoot(node, temp);
    ok(node.local("sip-domains", "add", "partner.test"));
    ok(node.local("sip-domains", "add", "ocs.test", "--type", "ocs-tcp"));
    ok(route("partner.test", STUNNEL, stunnelServer, "tls"));
    ok(route("ocs.test", SIPP_TCP, Leg.TCP.uasPort, "tcp"));
    ok(node.local("acl", "add", "ip", STUNNEL));
    ok(node.local("acl", "add", "ip", SIPP_TCP));
    SipPartnerSetup.restartSipProxy(node);

    Leg.TLS.target = STUNNEL + ":" + stunnelClient;
    Leg.TCP.target = NODE + ":" + boundPort("sip-tcp");
    peers.stunnel(
        "stunnel",
        List.of(
            "[edge-out]",
            "client = yes",
            "accept = " + STUNNEL + ":" + stunnelClient,
            "connect = " + NODE + ":" + boundPort("sip-peer-auth"),
            "local = " + STUNNEL,
            "cert = " + partnerPem,
            "key = " + temp.resolve("partner.key"),
            "CAfile = " + cup,
            "verifyPeer = yes",
            "[edge-in]",
            "accept = " + STUNNEL + ":" + stunnelServer,
            "connect = " + SIPP_TLS + ":" + Leg.TLS.uasPort,
            "cert = " + partnerPem,
            "key = " + temp.resolve("partner.key"),
            "CAfile = " + cup,
            "verifyPeer = yes"));
    SipPeers.awaitListening(STUNNEL, stunnelClient);
    SipPeers.awaitListening(STUNNEL, stunnelServer);
  }

  static TestNode.CliRun route(String domain, String host, int port, String protocol) {
    return SipPartnerSetup.route(node, domain, host, port, protocol);
  }

  static int boundPort(String listener) {
    return SipPartnerSetup.boundPort(node, listener);
  }

  static void ok(TestNode.CliRun run) {
    SipPartnerSetup.ok(run);
  }

  @AfterAll
  static void stop() {
    if (peers != null) {
      peers.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void disconnect() {
    clients.disconnectAll();
  }

  XMPPTCPConnection bob() throws Exception {
    return SipPartnerSetup.bob(clients, inbox);
  }

  /** A SIPp UAC run of the partner user alice against bob, with these extra keys. */
  SipPeers.Sipp uac(Leg leg, String scenario, String... keys) throws Exception {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-m",
            "1",
            "-s",
            "bob",
            "-key",
            "from_user",
            "alice",
            "-key",
            "from_domain",
            leg.domain,
            "-key",
            "to_domain",
            clients.domain(),
            "-key",
            "via",
            leg.name(),
            "-key",
            "via_host",
            leg.edgeName));
    args.addAll(List.of(keys));
    args.add(leg.target);
    return peers.sipp(
        leg.name() + "-uac-" + (++run) + "-" + scenario.replace(".xml", ""),
        scenario,
        leg.address,
        LoopbackPeers.freePort(leg.address),
        args);
  }

  /**
   * SIPp as the partner's UAS for one call, listening where the node's route points; {@code -aa}
   * answers a NOTIFY that arrives while the scenario is still answering the previous one.
   */
  SipPeers.Sipp uas(Leg leg, String scenario) throws Exception {
    SipPeers.Sipp uas =
        peers.sipp(
            leg.name() + "-uas-" + (++run) + "-" + scenario.replace(".xml", ""),
            scenario,
            leg.address,
            leg.uasPort,
            List.of("-m", "1", "-aa"));
    SipPeers.awaitListening(leg.address, leg.uasPort);
    return uas;
  }

  /**
   * The next message with this body; others are skipped (a message the previous test's session
   * received but had not acknowledged yet may come again: XEP-0198 redelivery).
   */
  Message awaitBody(String body) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Message m = inbox.poll(200, TimeUnit.MILLISECONDS);
      if (m != null && m.getBody() != null && m.getBody().trim().equals(body)) {
        return m;
      }
    }
    return null;
  }

  @ParameterizedTest
  @EnumSource(Leg.class)
  void aSippMessageReachesTheSmackUser(Leg leg) throws Exception {
    bob();
    String text = "Hello from SIPp over " + leg;

    SipPeers.Sipp sipp = uac(leg, "message-in.xml", "-key", "text", text);

    assertThat(sipp.exitCode(WAIT.multipliedBy(2))).as(sipp.describe()).isZero();
    assertThat(sipp.messageLog()).contains("SIP/2.0 200 OK");
    Message received = awaitBody(text);
    assertThat(received).as("a message for bob").isNotNull();
    assertThat(received.getFrom().asBareJid().toString()).isEqualTo("alice@" + leg.domain);
  }

  @ParameterizedTest
  @EnumSource(Leg.class)
  void aSmackMessageReachesSippAsUasWhichAnswers200(Leg leg) throws Exception {
    XMPPTCPConnection bob = bob();
    SipPeers.Sipp uas = uas(leg, "message-out-uas.xml");
    String text = "Hello SIPp, from XMPP over " + leg;

    bob.sendStanza(
        bob.getStanzaFactory()
            .buildMessageStanza()
            .to(JidCreate.entityBareFrom("alice@" + leg.domain))
            .setBody(text)
            .build());

    assertThat(uas.exitCode(WAIT.multipliedBy(2))).as(uas.describe()).isZero();
    String received = uas.messageLog();
    assertThat(received)
        .contains("MESSAGE sip:alice@" + leg.domain)
        .contains("From: <sip:bob@" + clients.domain())
        .contains(text)
        .contains("SIP/2.0 200 OK");
    Message bounced = inbox.poll(500, TimeUnit.MILLISECONDS);
    assertThat(bounced == null ? null : bounced.getType())
        .as("no error bounced to the sender")
        .isNotEqualTo(Message.Type.error);
  }

  /**
   * The SIPp user subscribes to bob, who is connected without presence yet: the Edge (SIPp UAS)
   * gets NOTIFY pending; bob approves: NOTIFY active; bob comes online: NOTIFY with his PIDF. Each
   * step waits for the previous NOTIFY's answer, since SIPp's sequential scenario cannot take a
   * NOTIFY while it is still answering the previous one.
   */
  @ParameterizedTest
  @EnumSource(Leg.class)
  void aSippSubscriptionGetsPendingThenActiveAndThePresenceOfTheSmackUser(Leg leg)
      throws Exception {
    XMPPTCPConnection bob = clients.login(clients.connection("bob", "desk", null, null, false));
    SipPeers.Sipp edge = uas(leg, "notify-uas.xml");

    SipPeers.Sipp subscriber = uac(leg, "subscribe-in.xml");

    assertThat(subscriber.exitCode(WAIT.multipliedBy(2))).as(subscriber.describe()).isZero();
    awaitAnswers(edge, 1);
    assertThat(edge.messageLog()).containsPattern("(?i)Subscription-State: *pending");
    bob.sendStanza(
        bob.getStanzaFactory()
            .buildPresenceStanza()
            .ofType(Presence.Type.subscribed)
            .to(JidCreate.entityBareFrom("alice@" + leg.domain))
            .build());
    awaitAnswers(edge, 2);
    bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza().setStatus("at my desk").build());

    assertThat(edge.exitCode(WAIT.multipliedBy(2))).as(edge.describe()).isZero();
    String notifies = edge.messageLog();
    assertThat(notifies)
        .contains("NOTIFY sip:alice@")
        .containsPattern("(?i)Subscription-State: *active")
        .contains("application/pidf+xml")
        .contains("<basic>open</basic>")
        .contains("at my desk");
  }

  /** Waits until SIPp has answered this many requests with 200. */
  static void awaitAnswers(SipPeers.Sipp sipp, int answers) {
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> sipp.messageLog().split("SIP/2.0 200 OK", -1).length - 1 >= answers);
  }

  @ParameterizedTest
  @EnumSource(Leg.class)
  void aSippSessionInviteDeliversTheEmbeddedFirstMessageAndTheFollowUp(Leg leg) throws Exception {
    bob();
    String first = "First words over " + leg + ", embedded in the INVITE";
    String followUp = "and a follow-up in the dialog";

    SipPeers.Sipp sipp =
        uac(
            leg,
            "session-in.xml",
            "-key",
            "first_b64",
            Base64.getEncoder().encodeToString(first.getBytes(StandardCharsets.UTF_8)),
            "-key",
            "text",
            followUp);

    assertThat(sipp.exitCode(WAIT.multipliedBy(2))).as(sipp.describe()).isZero();
    Message embedded = awaitBody(first);
    assertThat(embedded).as("the embedded first message").isNotNull();
    assertThat(embedded.getFrom().asBareJid().toString()).isEqualTo("alice@" + leg.domain);
    Message next = awaitBody(followUp);
    assertThat(next).as("the in-dialog MESSAGE").isNotNull();
  }

  static {
    // keep Smack's roster from asking for subscriptions on its own
    org.jivesoftware.smack.roster.Roster.setDefaultSubscriptionMode(SubscriptionMode.manual);
  }
}
