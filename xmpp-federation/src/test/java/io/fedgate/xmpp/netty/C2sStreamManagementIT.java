package io.fedgate.xmpp.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.xmpp.stream.StreamLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0198 with real Smack 4.4 clients: the client's TCP connection is dropped without a closing
 * stream (Smack's {@code instantShutdown} closes the socket and keeps its stream-management state);
 * messages sent meanwhile arrive after the client resumes, or, when it does not come back within
 * the resumption timeout (3 s here), go to the user's other resource.
 */
class C2sStreamManagementIT {
  private static C2sFixture server;
  private final List<XMPPTCPConnection> clients = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    server = new C2sFixture(StreamLimits.DEFAULTS, Duration.ofSeconds(3));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void disconnect() {
    clients.forEach(XMPPTCPConnection::disconnect);
  }

  @Test
  void messagesSentWhileTheConnectionIsDownArriveAfterResumption() throws Exception {
    XMPPTCPConnection alice = login("alice", "laptop");
    XMPPTCPConnection bob = login("bob", "phone");
    assertThat(bob.isSmEnabled()).isTrue();
    assertThat(bob.isSmResumptionPossible()).isTrue();
    List<String> received = bodies(bob);
    send(alice, "bob@local.test/phone", "before");
    await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("before"));

    bob.instantShutdown(); // the TCP connection drops; no </stream:stream>
    for (int i = 1; i <= 3; i++) {
      send(alice, "bob@local.test/phone", "while away " + i);
    }
    bob.connect().login();

    assertThat(bob.streamWasResumed()).isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> received.containsAll(List.of("while away 1", "while away 2", "while away 3")));
    assertThat(received).containsExactly("before", "while away 1", "while away 2", "while away 3");
    // the session is the same one: still reachable under its JID, new messages flow
    send(alice, "bob@local.test/phone", "after");
    await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("after"));
  }

  @Test
  void withoutResumptionInTimeUnacknowledgedMessagesGoToAnotherResource() throws Exception {
    XMPPTCPConnection alice = login("carol", "laptop");
    XMPPTCPConnection bobPhone = login("bob", "tablet");
    List<String> onPhone = bodies(bobPhone);
    XMPPTCPConnection bobDesk = login("bob", "desk");
    List<String> onDesk = bodies(bobDesk);
    bobPhone.instantShutdown();
    send(alice, "bob@local.test/tablet", "for the tablet");

    await().atMost(Duration.ofSeconds(10)).until(() -> onDesk.contains("for the tablet"));
    assertThat(server.sessions.find(jid("bob@local.test/tablet"))).isEmpty();
    assertThat(onPhone).doesNotContain("for the tablet");
  }

  @Test
  void aDetachedSessionOverItsUnackedBoundEndsAtOnceAndLosesNothing() throws Exception {
    // resumption would wait a minute: only the bound (5) can end the session within the test
    try (C2sFixture bounded = new C2sFixture(StreamLimits.DEFAULTS, Duration.ofMinutes(1), 5)) {
      XMPPTCPConnection alice = login(bounded, "alice", "laptop");
      XMPPTCPConnection bobPhone = login(bounded, "bob", "phone");
      // without stream management: the burst handed to it is not bounded by acknowledgements
      XMPPTCPConnection bobDesk = bounded.client("bob", "bob-secret", "desk");
      bobDesk.setUseStreamManagement(false);
      clients.add(bobDesk);
      bobDesk.connect().login();
      List<String> onDesk = bodies(bobDesk);
      bobPhone.instantShutdown();
      List<String> sent = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        send(alice, "bob@local.test/phone", "queued " + i);
        sent.add("queued " + i);
      }

      // the 6th unacknowledged stanza at the latest ends the session; the queued ones and every
      // later one go to the other resource, in order
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(onDesk).containsExactlyElementsOf(sent));
      assertThat(bounded.sessions.find(jid("bob@local.test/phone"))).isEmpty();
      bobPhone.connect().login();
      assertThat(bobPhone.streamWasResumed()).isFalse(); // the session is gone, not resumable
    }
  }

  @Test
  void aConnectedClientThatNeverAcknowledgesGetsPolicyViolation() throws Exception {
    try (C2sFixture bounded = new C2sFixture(StreamLimits.DEFAULTS, Duration.ofMinutes(1), 5);
        RawXmppClient raw = RawXmppClient.loggedIn(bounded, "bob", "desk")) {
      raw.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>").readUntil("<enabled");
      XMPPTCPConnection alice = login(bounded, "alice", "laptop");
      for (int i = 1; i <= 6; i++) {
        send(alice, "bob@local.test/desk", "unacked " + i);
      }
      String rest = raw.readToEnd(); // it never answers the <r/>: the server closes
      assertThat(rest).contains("unacked 5").doesNotContain("unacked 6");
      assertThat(rest).contains("<policy-violation").endsWith("</stream:stream>");
      assertThat(bounded.sessions.find(jid("bob@local.test/desk"))).isEmpty();
    }
  }

  private XMPPTCPConnection login(String user, String resource) throws Exception {
    return login(server, user, resource);
  }

  private XMPPTCPConnection login(C2sFixture fixture, String user, String resource)
      throws Exception {
    XMPPTCPConnection connection = fixture.client(user, user + "-secret", resource);
    connection.setUseStreamManagement(true);
    connection.setUseStreamManagementResumption(true);
    clients.add(connection);
    connection.connect().login();
    return connection;
  }

  private static List<String> bodies(XMPPTCPConnection connection) {
    List<String> bodies = new CopyOnWriteArrayList<>();
    connection.addSyncStanzaListener(
        (Stanza s) -> bodies.add(((Message) s).getBody()), StanzaTypeFilter.MESSAGE);
    return bodies;
  }

  private static void send(XMPPTCPConnection from, String to, String body) throws Exception {
    from.sendStanza(
        from.getStanzaFactory()
            .buildMessageStanza()
            .to(JidCreate.from(to))
            .ofType(Message.Type.chat)
            .setBody(body)
            .build());
  }

  private static io.fedgate.core.stanza.Jid jid(String jid) {
    return io.fedgate.core.stanza.Jid.parse(jid).orElseThrow();
  }
}
