package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fedgate.appliance.store.AuditEntry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Nonza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.ExceptionLoggingCallback;
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
  void offlineMessagesSurviveARestartOfTheXcpRouter() throws Exception {
    String paulaPassword = add("paula");
    String quinnPassword = add("quinn");
    XMPPTCPConnection paula = client("paula", paulaPassword, "desk");
    try {
      paula.connect().login();
      for (int i = 1; i <= 20; i++) {
        paula.sendStanza(message(paula, "quinn@" + domain, "queued " + i));
      }
    } finally {
      paula.disconnect(); // the stream is closed after the messages: they reached the router
    }
    // stopping the router drains the offline writes still queued (its dependents restart with it)
    TestNode.CliRun restart = node.local("utils", "service", "restart", "XCP Router");
    assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
    c2sPort = boundPort("xmpp-c2s");

    XMPPTCPConnection quinn = client("quinn", quinnPassword, "phone");
    List<Message> received = new CopyOnWriteArrayList<>();
    // a synchronous listener: in the order the server sent them (the async one may reorder)
    quinn.addSyncStanzaListener(m -> received.add((Message) m), StanzaTypeFilter.MESSAGE);
    try {
      quinn.connect().login();
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 20);
      assertThat(received)
          .extracting(Message::getBody)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "queued " + i).toList());
    } finally {
      quinn.disconnect();
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
  void passwdReplacesThePasswordAndRemoveEndsTheSessionAndTheAccount() throws Exception {
    String old = add("judy");
    Path file = temp.resolve("judy-password");
    Files.writeString(file, "judy-new-secret-1\n");
    assertThat(
            node.local("users", "passwd", "judy", "--user-password-file", file.toString())
                .exitCode())
        .isZero();

    XMPPTCPConnection stale = client("judy", old, "desk");
    try {
      stale.connect();
      assertThatThrownBy(stale::login)
          .isInstanceOf(SASLErrorException.class)
          .hasMessageContaining("not-authorized");
    } finally {
      stale.disconnect();
    }
    XMPPTCPConnection judy = client("judy", "judy-new-secret-1", "desk");
    try {
      judy.connect().login();
      assertThat(node.local("users", "remove", "judy").exitCode()).isZero();
      await().atMost(Duration.ofSeconds(10)).until(() -> !judy.isConnected());
    } finally {
      judy.disconnect();
    }
    assertThat(node.local("users", "list").out()).doesNotContain("judy@");
    XMPPTCPConnection gone = client("judy", "judy-new-secret-1", "desk");
    try {
      gone.connect();
      assertThatThrownBy(gone::login).isInstanceOf(SASLErrorException.class);
    } finally {
      gone.disconnect();
    }
  }

  @Test
  void aClientLogsInOverDirectTlsThroughTheNode() throws Exception {
    String kimPassword = add("kim");
    String leoPassword = add("leo");
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {cupXmpp}, null);
    // XEP-0368: TLS from the first byte (Smack sees a plain socket; the server offers no STARTTLS)
    XMPPTCPConnection kim =
        new XMPPTCPConnection(
            XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(boundPort("xmpp-c2s-direct-tls"))
                .setSocketFactory(tls.getSocketFactory())
                .setSecurityMode(SecurityMode.disabled)
                .setUsernameAndPassword("kim", kimPassword)
                .setResource("tls")
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .build());
    XMPPTCPConnection leo = client("leo", leoPassword, "desk");
    try {
      kim.connect().login();
      leo.connect().login();
      List<Message> received = inbox(leo);
      kim.sendStanza(message(kim, "leo@" + domain, "over direct TLS"));
      await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
      assertThat(received.get(0).getBody()).isEqualTo("over direct TLS");
      assertThat(received.get(0).getFrom().toString()).isEqualTo("kim@" + domain + "/tls");
    } finally {
      kim.disconnect();
      leo.disconnect();
    }
  }

  /**
   * Fuzz-style: 100 raw connections send a stream header and random, truncated and mutated stanzas
   * before authenticating, and a logged-in client sends 3,000 random well-formed stanzas (random
   * types, addresses, payloads; it reconnects whenever the server ends its stream). Then two normal
   * clients still log in and exchange a message.
   */
  @Test
  void randomAndTruncatedStanzasLeaveTheNodeServingNormalClients() throws Exception {
    Random random = new Random(5);
    String header =
        "<?xml version='1.0'?><stream:stream to='"
            + domain
            + "' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " version='1.0'>";
    for (int c = 0; c < 100; c++) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), c2sPort)) {
        socket.setSoTimeout(3000);
        StringBuilder junk = new StringBuilder(c % 10 == 0 ? "" : header);
        for (int i = 0; i < 30; i++) {
          junk.append(mutate(randomStanza(random, domain), random));
        }
        try {
          socket.getOutputStream().write(junk.toString().getBytes(StandardCharsets.UTF_8));
          socket.getInputStream().readAllBytes(); // the server ends the stream and closes
        } catch (IOException closedOrSilent) {
          // reset by the server while we were still writing, or waiting for more input: fine
        }
      }
    }
    String fuzzPassword = add("fuzz");
    XMPPTCPConnection fuzz = null;
    int streamsEnded = 0;
    try {
      for (int i = 0; i < 3000; i++) {
        if (fuzz == null || !fuzz.isAuthenticated()) {
          if (fuzz != null) {
            fuzz.disconnect();
            streamsEnded++;
          }
          fuzz = client("fuzz", fuzzPassword, "r" + i);
          fuzz.setUseStreamManagement(false); // the raw stanzas are not in Smack's count
          // the server's answers echo the fuzz (e.g. a 'from' of '@@'): Smack's parser may balk
          fuzz.setParsingExceptionCallback(new ExceptionLoggingCallback());
          fuzz.connect().login();
        }
        String xml = randomStanza(random, domain);
        try {
          fuzz.sendNonza(new RawXml(xml));
        } catch (SmackException.NotConnectedException e) {
          // the previous stanza ended the stream; reconnect on the next round
        }
      }
    } finally {
      if (fuzz != null) {
        fuzz.disconnect();
      }
    }
    // streamsEnded counts Smack giving up on a stream too (its parser rejects some echoes); what
    // matters is below: the node still serves normal clients

    String alicePassword = add("nina");
    String bobPassword = add("omar");
    XMPPTCPConnection nina = client("nina", alicePassword, "laptop");
    XMPPTCPConnection omar = client("omar", bobPassword, "phone");
    try {
      nina.connect().login();
      omar.connect().login();
      List<Message> received = inbox(omar);
      nina.sendStanza(message(nina, "omar@" + domain, "still here"));
      await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
      assertThat(received.get(0).getBody()).isEqualTo("still here");
    } finally {
      nina.disconnect();
      omar.disconnect();
    }
  }

  private static String randomStanza(Random random, String domain) {
    String[] names = {"message", "presence", "iq"};
    String[] types = {"chat", "normal", "get", "set", "result", "error", "subscribe", "x", ""};
    String[] tos = {
      "omar@" + domain,
      "nobody@" + domain,
      domain,
      "x@remote.example",
      "@@",
      "a@b@c",
      "",
      "fuzz@" + domain + "/other"
    };
    String[] payloads = {
      "<body>hi</body>",
      "<query xmlns='jabber:iq:roster'><item jid='omar@"
          + domain
          + "' subscription='both'/></query>",
      "<query xmlns='jabber:iq:roster'><item/></query>",
      "<blocklist xmlns='urn:xmpp:blocking'/>",
      "<block xmlns='urn:xmpp:blocking'><item jid='@@'/></block>",
      "<unblock xmlns='urn:xmpp:blocking'/>",
      "<enable xmlns='urn:xmpp:carbons:2'/>",
      "<ping xmlns='urn:xmpp:ping'/>",
      "<query xmlns='http://jabber.org/protocol/disco#info'/>",
      "<x xmlns='urn:unknown'><y><z a='" + "v".repeat(random.nextInt(200)) + "'/></y></x>",
      "<priority>" + (random.nextInt(400) - 200) + "</priority>",
      "<priority>x</priority>",
      ""
    };
    String name = names[random.nextInt(names.length)];
    String type = types[random.nextInt(types.length)];
    String to = tos[random.nextInt(tos.length)];
    return "<"
        + name
        + (type.isEmpty() ? "" : " type='" + type + "'")
        + (to.isEmpty() ? "" : " to='" + to + "'")
        + " id='f"
        + random.nextInt(1000)
        + "'>"
        + payloads[random.nextInt(payloads.length)]
        + "</"
        + name
        + ">";
  }

  /** Truncated, with a byte flipped, or whole. */
  private static String mutate(String stanza, Random random) {
    switch (random.nextInt(3)) {
      case 0:
        return stanza.substring(0, random.nextInt(stanza.length()));
      case 1:
        char[] chars = stanza.toCharArray();
        chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
        return new String(chars);
      default:
        return stanza;
    }
  }

  /** Any XML written as is (Smack's nonza path: no stanza id or namespace added). */
  private record RawXml(String xml) implements Nonza {
    @Override
    public String getNamespace() {
      return "jabber:client";
    }

    @Override
    public String getElementName() {
      return "raw";
    }

    @Override
    public CharSequence toXML(XmlEnvironment environment) {
      return xml;
    }
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
