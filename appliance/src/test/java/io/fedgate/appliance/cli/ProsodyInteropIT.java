package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.appliance.s2s.S2sMonitor;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.xmpp.s2s.AuthMethod;
import io.fedgate.xmpp.s2s.Direction;
import io.fedgate.xmpp.s2s.FailureReason;
import io.fedgate.xmpp.s2s.S2sConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XMPP federation against a real Prosody (Debian {@code prosody}) on 127.0.0.21 with its own config
 * and certificates from the test PKI, found through a dnsmasq on 127.0.0.22 that serves the SRV
 * records of the {@code .test} domains; the node under test listens for S2S on 127.0.0.20. Local
 * users (Smack against the node) and Prosody users (Smack against Prosody's C2S) exchange messages
 * and complete presence subscriptions both ways, once with TLS + SASL EXTERNAL and once with
 * dialback only; a Prosody host whose certificate comes from an unknown root is refused, with the
 * reason in the failure history. Prosody and dnsmasq start once for the class.
 */
class ProsodyInteropIT {
  private static final String NODE_ADDRESS = "127.0.0.20";
  private static final String PROSODY_ADDRESS = "127.0.0.21";
  private static final String DNS_ADDRESS = "127.0.0.22";
  private static final String LOCAL = "fedgate.test";
  private static final String REMOTE = "prosody.test";
  private static final String BAD_CERT = "badcert.test";
  private static final String FEDCM = "XMPP Federation Connection Manager";
  private static final TestPki PKI = TestPki.shared();

  @TempDir static Path temp;
  private static TestNode node;
  private static SmackClients locals;
  private static LoopbackPeers peers;
  private static int prosodyC2s;
  private static int dnsPort;
  private static int nodeS2s;
  private XMPPTCPConnection remoteConnection;

  @BeforeAll
  static void startPeers() throws Exception {
    // A fixed port: the SRV record must stay right across the service restarts of the tests.
    nodeS2s = LoopbackPeers.freePort(NODE_ADDRESS);
    node =
        TestNode.start(
            temp.resolve("node"),
            String.join(
                "\n",
                "node.domains = " + LOCAL,
                "listener.xmpp-s2s.address = " + NODE_ADDRESS,
                "listener.xmpp-s2s.port = " + nodeS2s,
                "listener.xmpp-s2s-direct-tls.enabled = false",
                ""));
    importIdentities();
    dnsPort = LoopbackPeers.freePort(DNS_ADDRESS);
    enable("--sasl-inbound", "true", "--sasl-outbound", "true", "--no-dialback-secret");
    assertThat(boundS2sPort()).isEqualTo(nodeS2s);
    prosodyC2s = LoopbackPeers.freePort(PROSODY_ADDRESS);
    int prosodyS2s = LoopbackPeers.freePort(PROSODY_ADDRESS);
    peers = new LoopbackPeers();
    peers.dnsmasq(
        temp.resolve("dns"),
        DNS_ADDRESS,
        dnsPort,
        List.of(
            srv(LOCAL, "s2s.fedgate.test", nodeS2s),
            "address=/s2s.fedgate.test/" + NODE_ADDRESS,
            srv(REMOTE, "s2s.prosody.test", prosodyS2s),
            srv(BAD_CERT, "s2s.prosody.test", prosodyS2s),
            "address=/s2s.prosody.test/" + PROSODY_ADDRESS));
    Path prosody = temp.resolve("prosody");
    Files.createDirectories(prosody);
    writePem(prosody, REMOTE, leaf(REMOTE, PKI.intermediate()));
    // The whole chain up to its (unknown) self-signed root, so the refusal is UNTRUSTED_ROOT.
    IssuedIdentity bad = leaf(BAD_CERT, PKI.unknownIntermediate());
    Files.write(prosody.resolve(BAD_CERT + ".crt"), TestFiles.pem(bad.chain()));
    Files.write(prosody.resolve(BAD_CERT + ".key"), TestFiles.keyPem(bad.privateKey()));
    Files.write(prosody.resolve("ca.pem"), TestFiles.pem(List.of(PKI.root().certificate())));
    peers.prosody(
        prosody,
        prosodyConfig(prosody, prosodyS2s),
        new InetSocketAddress(PROSODY_ADDRESS, prosodyC2s),
        new InetSocketAddress(PROSODY_ADDRESS, prosodyS2s));
    LoopbackPeers.register(prosody, "bob", REMOTE, "bob-password-1");
    LoopbackPeers.register(prosody, "dave", REMOTE, "dave-password-1");
  }

  @AfterAll
  static void stopPeers() {
    if (locals != null) {
      locals.disconnectAll();
    }
    if (peers != null) {
      peers.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void disconnect() {
    locals.disconnectAll();
    if (remoteConnection != null) {
      remoteConnection.disconnect();
    }
  }

  @Test
  void tlsWithSaslExternalCarriesMessagesAndSubscriptionsBothWays() throws Exception {
    enable("--sasl-inbound", "true", "--sasl-outbound", "true", "--no-dialback-secret");

    exchange("alice", "bob", "bob-password-1");

    assertThat(monitor().connections())
        .filteredOn(c -> c.remoteDomain().equals(REMOTE))
        .extracting(S2sConnection::direction, S2sConnection::authMethod)
        .contains(
            org.assertj.core.groups.Tuple.tuple(Direction.OUTBOUND, AuthMethod.SASL_EXTERNAL),
            org.assertj.core.groups.Tuple.tuple(Direction.INBOUND, AuthMethod.SASL_EXTERNAL));
    assertThat(monitor().connections())
        .filteredOn(c -> c.remoteDomain().equals(REMOTE))
        .allSatisfy(c -> assertThat(c.tlsVersion()).isPresent());
    assertThat(node.local("xmpp", "connections").out())
        .containsPattern("fedgate.test\\s+prosody.test\\s+outbound.*SASL_EXTERNAL")
        .containsPattern("fedgate.test\\s+prosody.test\\s+inbound.*SASL_EXTERNAL");

    TestNode.CliRun test = node.local("xmpp", "test", REMOTE);
    assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
    assertThat(test.out())
        .containsPattern("DNS\\s+PASSED")
        .containsPattern("STARTTLS\\s+PASSED")
        .containsPattern("CERTIFICATE\\s+PASSED")
        .containsPattern("SASL_EXTERNAL\\s+PASSED")
        .containsPattern("RESULT\\s+PASSED");
  }

  @Test
  void dialbackAloneCarriesMessagesAndSubscriptionsBothWays() throws Exception {
    Path secret = Files.writeString(temp.resolve("dialback-secret"), "interop-dialback-01\n");
    enable(
        "--sasl-inbound",
        "false",
        "--sasl-outbound",
        "false",
        "--require-client-cert",
        "false",
        "--dialback-secret-file",
        secret.toString());

    exchange("carol", "dave", "dave-password-1");

    assertThat(monitor().connections())
        .filteredOn(c -> c.remoteDomain().equals(REMOTE))
        .extracting(S2sConnection::direction, S2sConnection::authMethod)
        .contains(
            org.assertj.core.groups.Tuple.tuple(Direction.OUTBOUND, AuthMethod.DIALBACK),
            org.assertj.core.groups.Tuple.tuple(Direction.INBOUND, AuthMethod.DIALBACK));
  }

  @Test
  void aProsodyCertificateFromAnUnknownRootIsRefusedWithTheReason() throws Exception {
    enable("--sasl-inbound", "true", "--sasl-outbound", "true", "--no-dialback-secret");
    XMPPTCPConnection alice = locals.login("erin", SubscribeAnswer.Deny);
    BlockingQueue<Message> errors = new LinkedBlockingQueue<>();
    alice.addAsyncStanzaListener(
        s -> errors.add((Message) s),
        s -> s instanceof Message && ((Message) s).getError() != null);

    alice.sendStanza(
        alice
            .getStanzaFactory()
            .buildMessageStanza()
            .to(JidCreate.entityBareFrom("someone@" + BAD_CERT))
            .setBody("hello?")
            .build());

    Message bounced = errors.poll(30, TimeUnit.SECONDS);
    assertThat(bounced).isNotNull();
    assertThat(bounced.getError().getCondition())
        .isEqualTo(StanzaError.Condition.remote_server_not_found);
    assertThat(monitor().failures(BAD_CERT))
        .anySatisfy(
            f -> {
              assertThat(f.reason()).isEqualTo(FailureReason.CERTIFICATE_REFUSED);
              assertThat(f.detail()).contains("UNTRUSTED_ROOT");
            });
    assertThat(node.local("xmpp", "failures", BAD_CERT).out())
        .contains("CERTIFICATE_REFUSED", "UNTRUSTED_ROOT");

    // the history outlives a restart of the service (and is stored for a restart of the node)
    TestNode.CliRun restart = node.local("utils", "service", "restart", FEDCM);
    assertThat(restart.exitCode()).as(restart.err()).isZero();
    assertThat(node.local("xmpp", "failures", BAD_CERT).out())
        .contains("CERTIFICATE_REFUSED", "UNTRUSTED_ROOT");
  }

  /** Messages both ways, then a subscription both ways, and each sees the other online. */
  private void exchange(String localUser, String remoteUser, String remotePassword)
      throws Exception {
    XMPPTCPConnection local =
        locals.login(localUser, SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
    remoteConnection = prosodyClient(remoteUser, remotePassword);
    BareJid localJid = locals.jid(localUser);
    BareJid remoteJid = JidCreate.entityBareFrom(remoteUser + "@" + REMOTE);
    BlockingQueue<String> atLocal = new LinkedBlockingQueue<>();
    BlockingQueue<String> atRemote = new LinkedBlockingQueue<>();
    ChatManager.getInstanceFor(local)
        .addIncomingListener((f, m, c) -> atLocal.add(f + ": " + m.getBody()));
    ChatManager.getInstanceFor(remoteConnection)
        .addIncomingListener((f, m, c) -> atRemote.add(f + ": " + m.getBody()));

    ChatManager.getInstanceFor(local)
        .chatWith(remoteJid.asEntityBareJidOrThrow())
        .send("hi from fedgate");
    assertThat(atRemote.poll(30, TimeUnit.SECONDS)).isEqualTo(localJid + ": hi from fedgate");
    ChatManager.getInstanceFor(remoteConnection)
        .chatWith(localJid.asEntityBareJidOrThrow())
        .send("hi from prosody");
    assertThat(atLocal.poll(30, TimeUnit.SECONDS)).isEqualTo(remoteJid + ": hi from prosody");

    Roster localRoster = Roster.getInstanceFor(local);
    Roster remoteRoster = Roster.getInstanceFor(remoteConnection);
    localRoster.createItemAndRequestSubscription(remoteJid, remoteUser, null);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(localRoster.getEntry(remoteJid)).isNotNull();
              assertThat(localRoster.getEntry(remoteJid).canSeeHisPresence()).isTrue();
              assertThat(remoteRoster.getEntry(localJid)).isNotNull();
              assertThat(remoteRoster.getEntry(localJid).canSeeHisPresence()).isTrue();
              assertThat(localRoster.getPresence(remoteJid).isAvailable()).isTrue();
              assertThat(remoteRoster.getPresence(localJid).isAvailable()).isTrue();
            });
  }

  private XMPPTCPConnection prosodyClient(String user, String password) throws Exception {
    XMPPTCPConnection connection =
        new XMPPTCPConnection(
            XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(REMOTE)
                .setHostAddress(InetAddress.getByName(PROSODY_ADDRESS))
                .setPort(prosodyC2s)
                .setSecurityMode(SecurityMode.disabled)
                .setUsernameAndPassword(user, password)
                .setResource("lab")
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .setSendPresence(true)
                .build());
    connection.setReplyTimeout(10_000);
    Roster roster = Roster.getInstanceFor(connection);
    roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
    roster.addSubscribeListener((from, request) -> SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
    connection.connect().login();
    roster.reloadAndWait();
    return connection;
  }

  /** Federation on with the given options, then a restart of the S2S service to apply them. */
  private static void enable(String... options) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "xmpp",
                "settings",
                "set",
                "--enabled",
                "true",
                "--security-mode",
                "tls-required",
                "--dns-resolver",
                DNS_ADDRESS + ":" + dnsPort));
    args.addAll(List.of(options));
    TestNode.CliRun set = node.local(args.toArray(String[]::new));
    assertThat(set.exitCode()).as(set.err()).isZero();
    TestNode.CliRun restart = node.local("utils", "service", "restart", FEDCM);
    assertThat(restart.exitCode()).as(restart.err()).isZero();
  }

  private static void importIdentities() throws Exception {
    IssuedIdentity identity = leaf(LOCAL, PKI.intermediate());
    Path p12 =
        Files.write(
            temp.resolve("fedgate.p12"), TestFiles.pkcs12(identity, "pw-123456".toCharArray()));
    Path password = Files.writeString(temp.resolve("p12-password"), "pw-123456\n");
    Path root =
        Files.write(temp.resolve("root.pem"), TestFiles.pem(List.of(PKI.root().certificate())));
    TestNode.CliRun imported =
        node.local(
            "certs",
            "import-identity",
            "cup-xmpp",
            p12.toString(),
            "--key-password-file",
            password.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    TestNode.CliRun trusted =
        node.local(
            "certs", "import-trust", "cup-xmpp-trust", root.toString(), "--alias", "test-root");
    assertThat(trusted.exitCode()).as(trusted.err()).isZero();
    assertThat(node.local("utils", "service", "restart", "XMPP Connection Manager").exitCode())
        .isZero();
    locals = SmackClients.of(node, temp);
  }

  private static IssuedIdentity leaf(String domain, IssuedIdentity issuer) {
    Instant now = Instant.now();
    return CertificateBuilder.leaf(domain)
        .dns(domain)
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)))
        .signedBy(issuer);
  }

  private static void writePem(Path dir, String name, IssuedIdentity identity) throws Exception {
    Files.write(dir.resolve(name + ".crt"), TestFiles.pem(identity.chainWithoutRoot()));
    Files.write(dir.resolve(name + ".key"), TestFiles.keyPem(identity.privateKey()));
  }

  private static String srv(String domain, String target, int port) {
    return "srv-host=_xmpp-server._tcp." + domain + "," + target + "," + port + ",0,5";
  }

  private static int boundS2sPort() {
    String status = node.local("status").out();
    Matcher bound =
        Pattern.compile(
                "(?m)^\\s*xmpp-s2s\\s+" + Pattern.quote(NODE_ADDRESS) + ":\\d+\\s+bound (\\d+)")
            .matcher(status);
    assertThat(bound.find()).as(status).isTrue();
    return Integer.parseInt(bound.group(1));
  }

  private static S2sMonitor monitor() {
    return node.node.s2s();
  }

  private static String prosodyConfig(Path dir, int s2sPort) {
    return """
        pidfile = "%1$s/prosody.pid"
        data_path = "%1$s/data"
        certificates = "%1$s/certs"
        run_as_root = true
        log = { info = "%1$s/prosody.log" }
        interfaces = { "%2$s" }
        c2s_ports = { %3$d }
        s2s_ports = { %4$d }
        http_ports = {}
        https_ports = {}
        modules_enabled = { "roster"; "saslauth"; "tls"; "dialback"; "disco"; "ping"; "posix" }
        c2s_require_encryption = false
        s2s_require_encryption = false
        s2s_secure_auth = false
        authentication = "internal_hashed"
        storage = "internal"
        network_settings = { nagle = false }
        unbound = { options = { ["local-zone"] = "test. transparent" }, forward = "%5$s@%6$d", resolvconf = false }
        ssl = { cafile = "%1$s/ca.pem" }
        VirtualHost "%7$s"
          ssl = { certificate = "%1$s/%7$s.crt", key = "%1$s/%7$s.key", cafile = "%1$s/ca.pem" }
        VirtualHost "%8$s"
          ssl = { certificate = "%1$s/%8$s.crt", key = "%1$s/%8$s.key", cafile = "%1$s/ca.pem" }
        """
        .formatted(
            dir, PROSODY_ADDRESS, prosodyC2s, s2sPort, DNS_ADDRESS, dnsPort, REMOTE, BAD_CERT);
  }
}
