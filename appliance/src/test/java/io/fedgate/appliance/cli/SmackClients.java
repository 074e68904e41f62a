package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.rosterstore.RosterStore;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Smack 4.4 clients of a {@link TestNode}: users created with the CLI on first use, logged in over
 * STARTTLS with SCRAM-SHA-1 against the node's pinned {@code cup-xmpp} certificate, with the roster
 * loaded and subscription requests answered as the test says.
 */
final class SmackClients {
  private final TestNode node;
  private final String domain;
  private final PinnedTrust trust;
  private final Path certificate;
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final List<XMPPTCPConnection> open = new CopyOnWriteArrayList<>();
  private volatile int port;

  private SmackClients(TestNode node, PinnedTrust trust, Path certificate) {
    this.node = node;
    this.certificate = certificate;
    this.domain = node.node.config().localDomains().get(0);
    this.trust = trust;
    this.port = boundPort();
  }

  static SmackClients of(TestNode node, Path temp) throws Exception {
    Path pem = temp.resolve("cup-xmpp.pem");
    assertThat(
            node.local("certs", "export", "cup-xmpp", "cup-xmpp", "--out", pem.toString())
                .exitCode())
        .isZero();
    try (var in = Files.newInputStream(pem)) {
      return new SmackClients(
          node,
          new PinnedTrust(
              (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)),
          pem);
    }
  }

  String domain() {
    return domain;
  }

  BareJid jid(String user) throws Exception {
    return JidCreate.entityBareFrom(user + "@" + domain);
  }

  /** The node's {@code cup-xmpp} certificate (PEM). */
  Path certificate() {
    return certificate;
  }

  /** The STARTTLS C2S port. */
  int port() {
    return port;
  }

  /** The user's password (the user is created with the CLI on first use). */
  String password(String user) {
    return passwords.computeIfAbsent(user, this::add);
  }

  /** Rereads the C2S port (after a service restart). */
  void rebound() {
    port = boundPort();
  }

  /** Disconnects every client logged in so far. */
  void disconnectAll() {
    open.forEach(XMPPTCPConnection::disconnect);
    open.clear();
  }

  XMPPTCPConnection login(String user, SubscribeAnswer answer) throws Exception {
    return login(user, answer, null);
  }

  XMPPTCPConnection login(String user, SubscribeAnswer answer, RosterStore store) throws Exception {
    return login(user, "desk", answer, store);
  }

  /** Logs in with this resource, XEP-0198 stream management and resumption on. */
  XMPPTCPConnection login(String user, String resource, SubscribeAnswer answer, RosterStore store)
      throws Exception {
    return login(connection(user, resource, answer, store));
  }

  /**
   * Connects and logs in a client made by {@link #connection}, loads its roster, and returns once
   * the Presence Engine has handled the client's initial presence: the answer to a roster get sent
   * after that presence comes from the engine's thread, which handles a client's stanzas in order.
   * ({@code Roster.reloadAndWait()} alone is not enough: it may return on the answer to the roster
   * request Smack sent at login, before the initial presence.)
   */
  XMPPTCPConnection login(XMPPTCPConnection connection) throws Exception {
    connection.connect().login();
    Roster.getInstanceFor(connection).reloadAndWait();
    connection.createStanzaCollectorAndSend(new RosterPacket()).nextResultOrThrow();
    return connection;
  }

  /** A client not connected yet (to add listeners first). */
  XMPPTCPConnection connection(
      String user, String resource, SubscribeAnswer answer, RosterStore store) throws Exception {
    return connection(user, resource, answer, store, true);
  }

  /**
   * A client not connected yet; without {@code initialPresence} it logs in without sending presence
   * (the test sends it when it wants).
   */
  XMPPTCPConnection connection(
      String user,
      String resource,
      SubscribeAnswer answer,
      RosterStore store,
      boolean initialPresence)
      throws Exception {
    XMPPTCPConnection connection =
        new XMPPTCPConnection(
            XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(port)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trust)
                .setUsernameAndPassword(user, passwords.computeIfAbsent(user, this::add))
                .setResource(resource)
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .setSendPresence(initialPresence)
                .build());
    connection.setReplyTimeout(10_000);
    connection.setUseStreamManagement(true);
    connection.setUseStreamManagementResumption(true);
    Roster roster = Roster.getInstanceFor(connection);
    roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
    roster.addSubscribeListener((from, request) -> answer);
    if (store != null) {
      roster.setRosterStore(store);
    }
    open.add(connection);
    return connection;
  }

  private String add(String user) {
    TestNode.CliRun run = node.local("users", "add", user);
    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher printed = Pattern.compile("password: (\\S+)").matcher(run.out());
    assertThat(printed.find()).as(run.out()).isTrue();
    return printed.group(1);
  }

  private int boundPort() {
    String status = node.local("status").out();
    Matcher bound = Pattern.compile("(?m)^\\s*xmpp-c2s\\s+\\S+:0\\s+bound (\\d+)").matcher(status);
    assertThat(bound.find()).as(status).isTrue();
    return Integer.parseInt(bound.group(1));
  }
}
