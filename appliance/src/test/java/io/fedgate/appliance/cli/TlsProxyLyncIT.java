package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.TrustedCertificates;
import io.fedgate.sip.interop.LyncPeer;
import io.fedgate.sip.jain.InboundRequest;
import io.fedgate.sip.jain.SipTls;
import io.fedgate.tlsproxy.acl.AccessList;
import io.fedgate.tlsproxy.acl.AclEntry;
import io.fedgate.tlsproxy.acl.AddressMatch;
import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.PatMapping;
import io.fedgate.tlsproxy.config.ProxyConfig;
import io.fedgate.tlsproxy.config.ProxyInstance;
import io.fedgate.tlsproxy.config.TrustPoint;
import io.fedgate.tlsproxy.config.TrustPointStore;
import io.fedgate.tlsproxy.netty.TlsProxyServer;
import io.fedgate.tlsproxy.status.ClosedSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.header.Header;
import javax.sip.message.Message;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.Roster.SubscriptionMode;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The ASA deployment on loopback: a simulated Lync Edge of partner.test (127.0.0.46) federates with
 * a Smack user of a real node only through a standalone {@code tls-proxy} with both instances. The
 * inbound instance terminates the Edge's mutual TLS on the public address 127.0.0.42 with the
 * public identity, checks the partner's peer subject and its access list, and re-originates with
 * the inside identity to the node's peer-auth listener (127.0.0.41); the outbound instance takes
 * the node's own requests on 127.0.0.43 (the node's static route for partner.test) and
 * re-originates with the public identity to the Edge. IM and presence both ways; what the Edge
 * receives never names the node's inside address, only the public one (SIP inspection rewrote the
 * node's Via and Contact); a partner certificate outside the peer subjects, a partner the access
 * list denies, and an inside identity the node does not trust are refused.
 */
class TlsProxyLyncIT {
  static final String INSIDE = "127.0.0.41";
  static final String PUBLIC = "127.0.0.42";
  static final String PROXY_INSIDE = "127.0.0.43";
  static final String EDGE = "127.0.0.46";
  static final String ROGUE = "127.0.0.47";
  static final String PUBLIC_NAME = "imp.public.test";
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path temp;
  static TestNode node;
  static SmackClients clients;
  static X509Certificate cup;
  static String cupName;
  static int peerAuthPort;
  static int publicPort;
  static int outboundPort;
  static IssuedIdentity publicIdentity;
  static IssuedIdentity insideIdentity;
  static IssuedIdentity edgeIdentity;
  static LyncPeer lync;
  static TlsProxyServer proxy;

  final BlockingQueue<Stanza> inbox = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() throws Exception {
    peerAuthPort = freePort(INSIDE);
    publicPort = freePort(PUBLIC);
    outboundPort = freePort(PROXY_INSIDE);
    node =
        TestNode.start(
            temp.resolve("data"),
            "listener.sip-peer-auth.address = "
                + INSIDE
                + "\nlistener.sip-peer-auth.port = "
                + peerAuthPort
                + "\n");
    clients = SmackClients.of(node, temp);
    Path cupPem = temp.resolve("cup.pem");
    ok(node.local("certs", "export", "cup", "cup", "--out", cupPem.toString()));
    try (var in = Files.newInputStream(cupPem)) {
      cup = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    cupName =
        cup.getSubjectAlternativeNames().stream()
            .filter(n -> (Integer) n.get(0) == 2)
            .map(n -> (String) n.get(1))
            .findFirst()
            .orElseThrow();

    Instant now = Instant.now();
    publicIdentity = leaf(PUBLIC_NAME, now).dns(PUBLIC_NAME).ip(PUBLIC).signedBy(pki());
    // what the node sees on both of its legs to the proxy: trusted through cup-trust (the test
    // PKI's root) and named as the partner's next hop
    insideIdentity =
        leaf("proxy.inside.test", now)
            .dns("proxy.inside.test", "partner.test", "sip.partner.test")
            .ip(PROXY_INSIDE)
            .signedBy(pki());
    edgeIdentity =
        leaf("sip.partner.test", now)
            .dns("sip.partner.test", "partner.test")
            .ip(EDGE, ROGUE)
            .signedBy(pki());

    SipPartnerSetup.trustTestRoot(node, temp);
    ok(node.local("sip-domains", "add", "partner.test"));
    ok(SipPartnerSetup.route(node, "partner.test", PROXY_INSIDE, outboundPort, "tls"));
    // the node sees the proxy, not the partner: its incoming ACL lists the proxy's inside address
    ok(node.local("acl", "add", "ip", "127.0.0.1"));
    ok(node.local("acl", "add", "ip", PROXY_INSIDE));
    SipPartnerSetup.restartSipProxy(node);

    lync = edge(EDGE, edgeIdentity);
    proxy = proxy(insideIdentity, publicPort, outboundPort);
  }

  static CertificateBuilder leaf(String cn, Instant now) {
    return CertificateBuilder.leaf(cn)
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
  }

  static IssuedIdentity pki() {
    return TestCertificates.PKI.intermediate();
  }

  static int freePort(String address) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return socket.getLocalPort();
    }
  }

  static void ok(TestNode.CliRun run) {
    SipPartnerSetup.ok(run);
  }

  static LyncPeer edge(String address, IssuedIdentity identity) throws Exception {
    return LyncPeer.start(
        new LyncPeer.Settings(
            "partner.test",
            "alice",
            new InetSocketAddress(address, 0),
            new SipTls(
                identity.toIdentity(),
                new TrustedCertificates(
                    "lync-trust", List.of(TestCertificates.PKI.root().certificate())),
                List.of(),
                List.of("TLSv1.2"),
                List.of(
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                new PeerTrust(Clock.systemUTC()),
                d -> {}),
            Duration.ofSeconds(5)));
  }

  /**
   * The edge proxy: inbound {@code ent_external_to_imp} (public PUBLIC:publicPort -> the node's
   * peer-auth listener, partner peer subject sip.partner.test, ROGUE denied) and outbound {@code
   * ent_imp_to_external} (PROXY_INSIDE:outboundPort -> the Edge), {@code inside} as the identity
   * the node sees. Used with its own ports for the "inside identity not trusted" case.
   */
  static TlsProxyServer proxy(IssuedIdentity inside, int publicPort, int outboundPort)
      throws Exception {
    Map<String, Identity> identities =
        Map.of("imp_public", publicIdentity.toIdentity(), "imp_inside", inside.toIdentity());
    Map<String, List<X509Certificate>> trusted =
        Map.of(
            "partner_ca", List.of(TestCertificates.PKI.root().certificate()),
            "cup", List.of(cup));
    TrustPointStore store =
        new TrustPointStore() {
          @Override
          public Identity identity(String trustPoint) {
            return identities.get(trustPoint);
          }

          @Override
          public List<X509Certificate> certificates(String trustPoint) {
            return trusted.get(trustPoint);
          }
        };
    ProxyInstance inbound =
        ProxyInstance.builder("ent_external_to_imp", Direction.INBOUND)
            .server("imp_public", List.of("partner_ca"), List.of("sip.partner.test"))
            .client("imp_inside", List.of("cup"), cupName)
            .accessList("partner_to_imp")
            .build();
    ProxyInstance outbound =
        ProxyInstance.builder("ent_imp_to_external", Direction.OUTBOUND)
            .server("imp_inside", List.of("cup"), List.of())
            .client("imp_public", List.of("partner_ca"), "sip.partner.test")
            .accessList("imp_to_partner")
            .listen(new Endpoint(PROXY_INSIDE, outboundPort))
            .target(new Endpoint(EDGE, lync.address().getPort()))
            .build();
    AccessList partnerToImp =
        new AccessList(
            "partner_to_imp",
            List.of(
                entry(AclEntry.Action.DENY, ROGUE, "any", OptionalInt.empty()),
                entry(AclEntry.Action.PERMIT, "any", INSIDE, OptionalInt.of(peerAuthPort))));
    AccessList impToPartner =
        new AccessList(
            "imp_to_partner",
            List.of(
                entry(
                    AclEntry.Action.PERMIT,
                    "any",
                    EDGE,
                    OptionalInt.of(lync.address().getPort()))));
    ProxyConfig config =
        new ProxyConfig(
            List.of(
                trustPoint("imp_public", true),
                trustPoint("imp_inside", true),
                trustPoint("partner_ca", false),
                trustPoint("cup", false)),
            List.of(inbound, outbound),
            List.of(partnerToImp, impToPartner),
            List.of(
                new PatMapping(
                    new Endpoint(INSIDE, peerAuthPort),
                    new Endpoint(PUBLIC, publicPort),
                    Optional.of("ent_external_to_imp"))));
    TlsProxyServer server =
        new TlsProxyServer(
            config,
            store,
            new PeerTrust(Clock.systemUTC()),
            Clock.systemUTC(),
            new SecureRandom(),
            2);
    server.start();
    return server;
  }

  static TrustPoint trustPoint(String name, boolean identity) {
    return new TrustPoint(
        name,
        TrustPoint.Enrollment.TERMINAL,
        "",
        "",
        identity ? Optional.of(name) : Optional.empty());
  }

  static AclEntry entry(AclEntry.Action action, String source, String dest, OptionalInt port) {
    return new AclEntry(
        action,
        AddressMatch.parse(source).orElseThrow(),
        OptionalInt.empty(),
        AddressMatch.parse(dest).orElseThrow(),
        port,
        Optional.empty());
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (lync != null) {
      lync.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void disconnect() {
    clients.disconnectAll();
  }

  static InetSocketAddress gateway() {
    return new InetSocketAddress(PUBLIC, publicPort);
  }

  XMPPTCPConnection bob() throws Exception {
    XMPPTCPConnection connection = clients.login("bob", SubscribeAnswer.Approve);
    connection.addAsyncStanzaListener(inbox::add, StanzaTypeFilter.MESSAGE);
    return connection;
  }

  String bobUri() {
    return "sip:bob@" + clients.domain();
  }

  static String header(Message message, String name) {
    StringBuilder all = new StringBuilder();
    var headers = message.getHeaders(name);
    while (headers.hasNext()) {
      all.append(((Header) headers.next()).toString());
    }
    return all.toString();
  }

  /** Every address the Edge was shown for the node: its own, behind the proxy, never the inside. */
  static void showsOnlyThePublicAddress(Message seenByEdge, String... headers) {
    String publicAddress = PUBLIC + ":" + publicPort;
    for (String name : headers) {
      assertThat(header(seenByEdge, name)).as(name).contains(publicAddress);
    }
    assertThat(seenByEdge.toString()).doesNotContain(INSIDE);
  }

  org.jivesoftware.smack.packet.Message nextWithBody() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Stanza s = inbox.poll(200, TimeUnit.MILLISECONDS);
      if (s instanceof org.jivesoftware.smack.packet.Message m && m.getBody() != null) {
        return m;
      }
    }
    return null;
  }

  static String text(InboundRequest request) {
    byte[] raw = request.request().getRawContent();
    return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
  }

  @Test
  void aLyncMessageReachesTheSmackUserThroughTheProxy() throws Exception {
    bob = bob();

    var response = lync.message(bobUri(), "Hello through the ASA", gateway(), PUBLIC_NAME);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(nextWithBody().getBody()).isEqualTo("Hello through the ASA");
    assertThat(response.toString()).doesNotContain(INSIDE);
    assertThat(proxy.recentlyClosed().stream().map(ClosedSession::reason))
        .noneMatch(r -> r.contains("refused") || r.contains("deny"));
  }

  XMPPTCPConnection bob;

  @Test
  void aSmackMessageReachesLyncWithOnlyPublicAddressesOnTheWire() throws Exception {
    bob = bob();

    bob.sendStanza(
        bob.getStanzaFactory()
            .buildMessageStanza()
            .to(JidCreate.entityBareFrom("alice@partner.test"))
            .setBody("Hello from XMPP")
            .build());

    InboundRequest received = lync.next("MESSAGE", WAIT).orElseThrow();
    assertThat(text(received)).isEqualTo("Hello from XMPP");
    showsOnlyThePublicAddress(received.request(), "Via");
    assertThat(proxy.sessions())
        .anySatisfy(
            s -> {
              assertThat(s.instance()).isEqualTo("ent_imp_to_external");
              assertThat(s.clientSubject()).contains(cupName);
            });
  }

  @Test
  void aLyncSessionGetsTheNodesContactAndRecordRouteAsThePublicAddress() throws Exception {
    bob = bob();

    LyncPeer.Session session =
        lync.invite(bobUri(), "Hi, it's Alice", gateway(), PUBLIC_NAME).orElseThrow();

    assertThat(nextWithBody().getBody()).isEqualTo("Hi, it's Alice");
    assertThat(session.remoteTarget()).contains(PUBLIC + ":" + publicPort).doesNotContain(INSIDE);
    assertThat(lync.say(session, "Got a minute?", gateway(), PUBLIC_NAME).getStatusCode())
        .isEqualTo(200);
    assertThat(nextWithBody().getBody()).isEqualTo("Got a minute?");
    assertThat(lync.bye(session, gateway(), PUBLIC_NAME).getStatusCode()).isEqualTo(200);
  }

  @Test
  void presenceFlowsBothWaysThroughTheProxy() throws Exception {
    bob = bob();
    Roster roster = Roster.getInstanceFor(bob);

    // Lync subscribes to bob, who approves: the node's NOTIFYs leave through the outbound instance
    var subscribed = lync.subscribe(bobUri(), 3600, gateway(), PUBLIC_NAME);
    assertThat(subscribed.getStatusCode()).isBetween(200, 202);
    InboundRequest notify = lync.next("NOTIFY", WAIT).orElseThrow();
    showsOnlyThePublicAddress(notify.request(), "Via");

    // bob subscribes to alice; alice's presence comes in through the inbound instance
    roster.createItemAndRequestSubscription(
        JidCreate.entityBareFrom("alice@partner.test"), "Alice", null);
    InboundRequest subscribe = lync.next("SUBSCRIBE", WAIT).orElseThrow();
    showsOnlyThePublicAddress(subscribe.request(), "Via", "Contact");
    assertThat(
            lync.notifyPresence(bobUri(), "open", "In a meeting", false, gateway(), PUBLIC_NAME)
                .orElseThrow()
                .getStatusCode())
        .isEqualTo(200);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Presence presence =
                  roster.getPresence(JidCreate.entityBareFrom("alice@partner.test"));
              assertThat(presence.isAvailable()).isTrue();
              assertThat(presence.getStatus()).isEqualTo("In a meeting");
            });
  }

  @Test
  void aPartnerCertificateOutsideThePeerSubjectsIsRefusedOnTheOutside() throws Exception {
    IssuedIdentity other =
        leaf("sip.other.test", Instant.now()).dns("sip.other.test").ip(EDGE).signedBy(pki());
    try (LyncPeer stranger = edge(EDGE, other)) {
      assertThatThrownBy(() -> stranger.message(bobUri(), "let me in", gateway(), PUBLIC_NAME))
          .isNotNull();
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(proxy.recentlyClosed())
                    .extracting(ClosedSession::reason)
                    .anyMatch(
                        r -> r.startsWith("client certificate-refused [NOT_IN_PEER_SUBJECTS]")));
  }

  @Test
  void aPartnerTheAccessListDeniesIsRefused() throws Exception {
    try (LyncPeer rogue = edge(ROGUE, edgeIdentity)) {
      assertThatThrownBy(() -> rogue.message(bobUri(), "let me in", gateway(), PUBLIC_NAME))
          .isNotNull();
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(proxy.recentlyClosed())
                    .extracting(ClosedSession::reason)
                    .contains("acl-deny partner_to_imp line 1"));
    assertThat(proxy.aclCounters())
        .anySatisfy(
            c -> {
              assertThat(c.accessList()).isEqualTo("partner_to_imp");
              assertThat(c.line()).isEqualTo(1);
              assertThat(c.hits()).isPositive();
            });
  }

  @Test
  void anInsideIdentityTheNodeDoesNotTrustIsRefusedByTheNode() throws Exception {
    IssuedIdentity selfSigned =
        leaf("proxy.inside.test", Instant.now())
            .dns("proxy.inside.test", "partner.test")
            .ip(PROXY_INSIDE)
            .selfSigned();
    int port = freePort(PUBLIC);
    try (TlsProxyServer untrusted = proxy(selfSigned, port, freePort(PROXY_INSIDE))) {
      assertThatThrownBy(
              () ->
                  lync.message(bobUri(), "lost", new InetSocketAddress(PUBLIC, port), PUBLIC_NAME))
          .isNotNull();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(untrusted.recentlyClosed())
                      .extracting(ClosedSession::reason)
                      .anyMatch(
                          r ->
                              r.matches(
                                  "target (handshake-timeout|tls-failed .*|closed during"
                                      + " handshake|closed)")));
    }
  }

  static {
    org.jivesoftware.smack.roster.Roster.setDefaultSubscriptionMode(SubscriptionMode.manual);
  }
}
