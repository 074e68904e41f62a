package io.fedgate.appliance.cli;

import static io.fedgate.appliance.cli.SipPartnerSetup.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster.SubscriptionMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Kamailio (Debian's kamailio + kamailio-tls-modules) as the partner's Edge between SIPp and a
 * node: SIPp (TCP, 127.0.0.36) -> Kamailio's internal TCP listener (127.0.0.34) -> mutual TLS
 * (Kamailio presents the partner's certificate and checks the node's {@code cup}) -> the node's
 * peer-auth listener (127.0.0.30); and back: the node -> the static route to Kamailio's TLS
 * listener (mutual TLS, Kamailio requires the node's certificate) -> SIPp as UAS over TCP. The
 * Kamailio config is generated here in the test's folder.
 */
class KamailioInteropIT {
  static final String NODE = "127.0.0.30";
  static final String KAMAILIO = "127.0.0.34";
  static final String SIPP = "127.0.0.36";
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path temp;
  static TestNode node;
  static SmackClients clients;
  static SipPeers peers;
  static int kamailioTcp;
  static int uasPort;

  final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
  int run;

  @BeforeAll
  static void start() throws Exception {
    SipPeers.requireBinaries("sipp", "kamailio", "ss");
    node = TestNode.start(temp.resolve("data"), "listener.sip-peer-auth.address = " + NODE + "\n");
    clients = SmackClients.of(node, temp);
    peers = new SipPeers(temp);
    Path cup = temp.resolve("cup.pem");
    ok(node.local("certs", "export", "cup", "cup", "--out", cup.toString()));
    Path partnerPem =
        peers.writeIdentity(
            "partner", SipPeers.leaf("sip.partner.test", "sip.partner.test", "partner.test"));

    kamailioTcp = LoopbackPeers.freePort(KAMAILIO);
    int kamailioTls = LoopbackPeers.freePort(KAMAILIO);
    uasPort = LoopbackPeers.freePort(SIPP);
    SipPartnerSetup.trustTestRoot(node, temp);
    ok(node.local("sip-domains", "add", "partner.test"));
    ok(SipPartnerSetup.route(node, "partner.test", KAMAILIO, kamailioTls, "tls"));
    ok(node.local("acl", "add", "ip", KAMAILIO));
    SipPartnerSetup.restartSipProxy(node);
    int peerAuth = SipPartnerSetup.boundPort(node, "sip-peer-auth");

    Files.writeString(
        temp.resolve("tls.cfg"),
        String.join(
            "\n",
            "[server:default]",
            "method = TLSv1.2+",
            "verify_certificate = yes",
            "require_certificate = yes",
            "certificate = " + partnerPem,
            "private_key = " + temp.resolve("partner.key"),
            "ca_list = " + cup,
            "",
            "[client:default]",
            "method = TLSv1.2+",
            "verify_certificate = yes",
            "require_certificate = yes",
            "certificate = " + partnerPem,
            "private_key = " + temp.resolve("partner.key"),
            "ca_list = " + cup,
            ""));
    Path cfg =
        Files.writeString(
            temp.resolve("kamailio.cfg"),
            kamailioConfig(
                temp,
                KAMAILIO,
                kamailioTcp,
                kamailioTls,
                "sip:" + NODE + ":" + peerAuth + ";transport=tls",
                "sip:" + SIPP + ":" + uasPort + ";transport=tcp"));
    peers.start(
        "kamailio.log",
        List.of(
            "kamailio",
            "-f",
            cfg.toString(),
            "-P",
            temp.resolve("kamailio.pid").toString(),
            "-Y",
            temp.toString(),
            "-m",
            "64",
            "-DD",
            "-E"));
    SipPeers.awaitListening(KAMAILIO, kamailioTcp);
    SipPeers.awaitListening(KAMAILIO, kamailioTls);
  }

  /**
   * A stateful relay standing in for a partner Edge: what comes in on the internal TCP listener
   * goes to the federation next hop over TLS, what comes in over TLS goes to the internal user over
   * TCP. Modules come from Kamailio's built-in module path (no {@code mpath}: it differs by
   * architecture).
   */
  static String kamailioConfig(
      Path dir, String address, int tcpPort, int tlsPort, String outbound, String inbound) {
    return String.join(
        "\n",
        "#!KAMAILIO",
        "debug=1",
        "log_stderror=yes",
        "children=2",
        "tcp_children=2",
        "auto_aliases=no",
        "enable_tls=yes",
        "tcp_source_ipv4=" + address,
        "listen=tcp:" + address + ":" + tcpPort,
        "listen=tls:" + address + ":" + tlsPort,
        "loadmodule \"tm.so\"",
        "loadmodule \"sl.so\"",
        "loadmodule \"pv.so\"",
        "loadmodule \"maxfwd.so\"",
        "loadmodule \"tls.so\"",
        "modparam(\"tls\", \"config\", \"" + dir.resolve("tls.cfg") + "\")",
        "request_route {",
        "  if (!mf_process_maxfwd_header(\"10\")) { sl_send_reply(\"483\", \"Too Many Hops\"); exit; }",
        "  if ($Rp == " + tcpPort + ") {",
        "    $du = \"" + outbound + "\";",
        "  } else {",
        "    $du = \"" + inbound + "\";",
        "  }",
        "  if (!t_relay()) { sl_reply_error(); }",
        "}",
        "");
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

  SipPeers.Sipp uac(String scenario, String... keys) throws Exception {
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
            "partner.test",
            "-key",
            "to_domain",
            clients.domain(),
            "-key",
            "via",
            "TCP",
            "-key",
            "via_host",
            SIPP));
    args.addAll(List.of(keys));
    args.add(KAMAILIO + ":" + kamailioTcp);
    return peers.sipp(
        "uac-" + (++run) + "-" + scenario.replace(".xml", ""),
        scenario,
        SIPP,
        LoopbackPeers.freePort(SIPP),
        args);
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

  @Test
  void aMessageRelayedByKamailioReachesTheSmackUser() throws Exception {
    bob();

    SipPeers.Sipp sipp = uac("message-in.xml", "-key", "text", "Hello through Kamailio");

    assertThat(sipp.exitCode(WAIT.multipliedBy(2))).as(sipp.describe()).isZero();
    Message received = awaitBody("Hello through Kamailio");
    assertThat(received).as("a message for bob").isNotNull();
    assertThat(received.getFrom().asBareJid().toString()).isEqualTo("alice@partner.test");
  }

  @Test
  void aSmackMessageReachesSippThroughKamailio() throws Exception {
    XMPPTCPConnection bob = bob();
    SipPeers.Sipp uas =
        peers.sipp(
            "uas-" + (++run) + "-message-out",
            "message-out-uas.xml",
            SIPP,
            uasPort,
            List.of("-m", "1"));
    SipPeers.awaitListening(SIPP, uasPort);

    bob.sendStanza(
        bob.getStanzaFactory()
            .buildMessageStanza()
            .to(JidCreate.entityBareFrom("alice@partner.test"))
            .setBody("Hello SIPp, through Kamailio")
            .build());

    assertThat(uas.exitCode(WAIT.multipliedBy(2))).as(uas.describe()).isZero();
    assertThat(uas.messageLog())
        .contains("MESSAGE sip:alice@partner.test")
        .contains("From: <sip:bob@" + clients.domain())
        .contains("Hello SIPp, through Kamailio")
        .containsPattern("Via: SIP/2.0/TCP " + KAMAILIO.replace(".", "\\.") + ":");
  }

  @Test
  void aLyncSessionThroughKamailioDeliversTheEmbeddedMessageAndTheFollowUp() throws Exception {
    bob();
    String first = "Hi through Kamailio";

    SipPeers.Sipp sipp =
        uac(
            "session-in.xml",
            "-key",
            "first_b64",
            Base64.getEncoder().encodeToString(first.getBytes(StandardCharsets.UTF_8)),
            "-key",
            "text",
            "still there?");

    assertThat(sipp.exitCode(WAIT.multipliedBy(2))).as(sipp.describe()).isZero();
    Message embedded = awaitBody(first);
    assertThat(embedded).as("the embedded first message").isNotNull();
    Message next = awaitBody("still there?");
    assertThat(next).as("the in-dialog MESSAGE").isNotNull();
  }

  static {
    org.jivesoftware.smack.roster.Roster.setDefaultSubscriptionMode(SubscriptionMode.manual);
  }
}
