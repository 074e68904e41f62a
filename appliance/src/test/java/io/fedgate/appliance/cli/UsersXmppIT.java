package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fedgate.appliance.store.AuditEntry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Users created with the CLI log in with real Smack 4.4 clients (STARTTLS, SCRAM-SHA-1) to a whole
 * node and exchange messages through the XCP Router, online and offline.
 */
class UsersXmppIT {
  @TempDir static Path temp;
  static TestNode node;
  static String domain;
  static int c2sPort;
  static PinnedTrust cupXmpp;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(temp.resolve("data"));
    domain = node.node.config().localDomains().get(0);
    Path pem = temp.resolve("cup-xmpp.pem");
    assertThat(
            node.local("certs", "export", "cup-xmpp", "cup-xmpp", "--out", pem.toString())
                .exitCode())
        .isZero();
    try (var in = Files.newInputStream(pem)) {
      cupXmpp =
          new PinnedTrust(
              (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    c2sPort = boundPort("xmpp-c2s");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void statusShowsTheBoundC2sPorts() {
    assertThat(boundPort("xmpp-c2s")).isPositive();
    assertThat(boundPort("xmpp-c2s-direct-tls")).isPositive().isNotEqualTo(c2sPort);
  }

  @Test
  void usersCreatedWithTheCliLogInAndAliceReachesBob() throws Exception {
    String alicePassword = add("alice");
    String bobPassword = add("bob");
    assertThat(node.local("users", "list").out())
        .containsPattern("alice@" + Pattern.quote(domain) + "\\s+enabled");

    XMPPTCPConnection alice = client("alice", alicePassword, "laptop");
    XMPPTCPConnection bob = client("bob", bobPassword, "phone");
    try {
      alice.connect().login();
      bob.connect().login();
      List<Message> received = inbox(bob);
      alice.sendStanza(message(alice, "bob@" + domain, "hello bob"));

      await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
      assertThat(received.get(0).getBody()).isEqualTo("hello bob");
      assertThat(received.get(0).getFrom().toString()).isEqualTo("alice@" + domain + "/laptop");
    } finally {
      alice.disconnect();
      bob.disconnect();
    }
    assertThat(node.node.recentAudit(50))
        .filteredOn(e -> e.objectType().equals("local-users"))
        .extracting(AuditEntry::after)
        .noneMatch(json -> json != null && json.contains(alicePassword));
  }

  @Test
  void aMessageToAnOfflineUserIsDeliveredAtItsNextLogin() throws Exception {
    String carolPassword = add("carol");
    String davePassword = add("dave");
    XMPPTCPConnection carol = client("carol", carolPassword, "desk");
    try {
      carol.connect().login();
      carol.sendStanza(message(carol, "dave@" + domain, "while you were out"));
    } finally {
      carol.disconnect();
    }

    XMPPTCPConnection dave = client("dave", davePassword, "phone");
    List<Message> received = inbox(dave);
    try {
      dave.connect().login();
      await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
      assertThat(received.get(0).getBody()).isEqualTo("while you were out");
      assertThat(received.get(0).getFrom().toString()).isEqualTo("carol@" + domain + "/desk");
    } finally {
      dave.disconnect();
    }
  }

  @Test
  void offlineStorageIsBoundedByTheLiveParameter() throws Exception {
    assertThat(
            node.local("utils", "param", "set", "presence.offline-messages-per-user", "1")
                .exitCode())
        .isZero();
    String heidiPassword = add("heidi");
    String ivanPassword = add("ivan");
    XMPPTCPConnection heidi = client("heidi", heidiPassword, "desk");
    XMPPTCPConnection ivan = client("ivan", ivanPassword, "phone");
    try {
      heidi.connect().login();
      List<Message> bounced = inbox(heidi);
      heidi.sendStanza(message(heidi, "ivan@" + domain, "first"));
      heidi.sendStanza(message(heidi, "ivan@" + domain, "second"));

      await().atMost(Duration.ofSeconds(10)).until(() -> !bounced.isEmpty());
      assertThat(bounced.get(0).getError().getCondition())
          .isEqualTo(StanzaError.Condition.service_unavailable);
      List<Message> received = inbox(ivan);
      ivan.connect().login();
      await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
      assertThat(received).extracting(Message::getBody).containsExactly("first");
    } finally {
      heidi.disconnect();
      ivan.disconnect();
      node.local("utils", "param", "set", "presence.offline-messages-per-user", "100");
    }
  }

  @Test
  void undeliverableMessagesComeBackWithTheRightStanzaError() throws Exception {
    String password = add("frank");
    XMPPTCPConnection frank = client("frank", password, "desk");
    try {
      frank.connect().login();
      List<Message> received = inbox(frank);
      frank.sendStanza(message(frank, "nobody@" + domain, "anyone?"));
      frank.sendStanza(message(frank, "someone@remote.example", "hello remote"));

      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
      assertThat(received)
          .extracting(m -> m.getError().getCondition())
          .containsExactlyInAnyOrder(
              StanzaError.Condition.service_unavailable,
              StanzaError.Condition.remote_server_not_found);
    } finally {
      frank.disconnect();
    }
  }

  @Test
  void aDisabledUserIsDisconnectedAndCannotLogInAgain() throws Exception {
    String password = add("erin");
    XMPPTCPConnection erin = client("erin", password, "desk");
    try {
      erin.connect().login();
      assertThat(node.local("users", "disable", "erin").exitCode()).isZero();
      await().atMost(Duration.ofSeconds(10)).until(() -> !erin.isConnected());
    } finally {
      erin.disconnect();
    }

    XMPPTCPConnection again = client("erin", password, "desk");
    try {
      again.connect();
      assertThatThrownBy(again::login)
          .isInstanceOf(SASLErrorException.class)
          .hasMessageContaining("not-authorized");
    } finally {
      again.disconnect();
    }
    assertThat(node.local("users", "list").out()).containsPattern("erin@\\S+\\s+disabled");
  }

  @Test
  void aWrongPasswordFails() throws Exception {
    add("grace");
    XMPPTCPConnection grace = client("grace", "not-her-password", "desk");
    try {
      grace.connect();
      assertThatThrownBy(grace::login)
          .isInstanceOf(SASLErrorException.class)
          .hasMessageContaining("not-authorized");
    } finally {
      grace.disconnect();
    }
  }

  /** Creates the user with the CLI and returns the password it printed once. */
  private static String add(String user) {
    TestNode.CliRun run = node.local("users", "add", user);
    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher printed = Pattern.compile("password: (\\S+)").matcher(run.out());
    assertThat(printed.find()).as(run.out()).isTrue();
    return printed.group(1);
  }

  private static int boundPort(String listener) {
    String status = node.local("status").out();
    Matcher bound =
        Pattern.compile("(?m)^\\s*" + Pattern.quote(listener) + "\\s+\\S+:0\\s+bound (\\d+)")
            .matcher(status);
    assertThat(bound.find()).as(status).isTrue();
    return Integer.parseInt(bound.group(1));
  }

  private static List<Message> inbox(XMPPTCPConnection connection) {
    List<Message> received = new CopyOnWriteArrayList<>();
    connection.addAsyncStanzaListener(s -> received.add((Message) s), StanzaTypeFilter.MESSAGE);
    return received;
  }

  private static Message message(XMPPTCPConnection from, String to, String body) throws Exception {
    return from.getStanzaFactory()
        .buildMessageStanza()
        .to(JidCreate.entityBareFrom(to))
        .ofType(Message.Type.chat)
        .setBody(body)
        .build();
  }

  private static XMPPTCPConnection client(String user, String password, String resource)
      throws Exception {
    XMPPTCPConnectionConfiguration config =
        XMPPTCPConnectionConfiguration.builder()
            .setXmppDomain(domain)
            .setHostAddress(InetAddress.getLoopbackAddress())
            .setPort(c2sPort)
            .setSecurityMode(SecurityMode.required)
            .setCustomX509TrustManager(cupXmpp)
            .setUsernameAndPassword(user, password)
            .setResource(resource)
            .addEnabledSaslMechanism("SCRAM-SHA-1")
            .setSendPresence(true)
            .build();
    XMPPTCPConnection connection = new XMPPTCPConnection(config);
    connection.setReplyTimeout(10_000);
    return connection;
  }
}
