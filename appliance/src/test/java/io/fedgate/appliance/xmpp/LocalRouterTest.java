package io.fedgate.appliance.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.store.JdbcLocalUsers.UserWithKeys;
import io.fedgate.appliance.store.LocalUser;
import io.fedgate.appliance.store.ScramKeys;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.core.route.RemoteGateway;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.stream.StreamError;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 6121 §8.5 delivery without sockets. The offline store is not started here, so a message that
 * would be stored is refused with {@code service-unavailable}, as when the router is stopped.
 */
class LocalRouterTest {
  private final LocalSessions sessions = new LocalSessions();
  private final UserDirectory users = new UserDirectory();
  private final FakeGateway gateway = new FakeGateway();
  private LocalRouter router;

  @BeforeEach
  void setUp() {
    SecureRandom random = new SecureRandom();
    users.replace(
        List.of(
            user(1, "alice", true, random),
            user(2, "bob", true, random),
            user(3, "mallory", false, random)));
    router =
        new LocalRouter(
            List.of("example.com"),
            users,
            sessions,
            new OfflineStore(null, null, () -> 100, "example.com"),
            domain -> domain.equals("remote.example") ? Optional.of(gateway) : Optional.empty());
  }

  @Test
  void aBareJidMessageGoesToTheAvailableResourcesOfHighestPriority() {
    FakeSession alice = online("alice@example.com/a", 0);
    FakeSession high = online("bob@example.com/desk", 5);
    FakeSession low = online("bob@example.com/phone", 1);
    FakeSession negative = online("bob@example.com/bot", -1);

    router.route(message("alice@example.com/a", "bob@example.com", "chat"), alice);

    assertThat(high.received).hasSize(1);
    assertThat(low.received).isEmpty();
    assertThat(negative.received).isEmpty();
  }

  @Test
  void aFullJidMessageGoesToThatResourceEvenWithANegativePriority() {
    FakeSession alice = online("alice@example.com/a", 0);
    online("bob@example.com/desk", 5);
    FakeSession negative = online("bob@example.com/bot", -1);

    router.route(message("alice@example.com/a", "bob@example.com/bot", "chat"), alice);

    assertThat(negative.received).hasSize(1);
  }

  @Test
  void unknownDisabledAndRemoteRecipientsGetTheirStanzaErrors() {
    FakeSession alice = online("alice@example.com/a", 0);

    router.route(message("alice@example.com/a", "nobody@example.com", "chat"), alice);
    router.route(message("alice@example.com/a", "mallory@example.com", "chat"), alice);
    router.route(message("alice@example.com/a", "bob@unreachable.example", "chat"), alice);

    assertThat(alice.received)
        .extracting(LocalRouterTest::condition)
        .containsExactly("service-unavailable", "service-unavailable", "remote-server-not-found");
    assertThat(alice.received.get(0).attribute("type")).contains("error");
    assertThat(alice.received.get(0).attribute("to")).contains("alice@example.com/a");
  }

  @Test
  void errorsAreNeverAnsweredWithErrorsAndHeadlinesToNobodyAreDropped() {
    FakeSession alice = online("alice@example.com/a", 0);

    router.route(message("alice@example.com/a", "nobody@example.com", "error"), alice);
    router.route(message("alice@example.com/a", "bob@example.com", "headline"), alice);

    assertThat(alice.received).isEmpty();
  }

  @Test
  void aMessageThatCannotBeStoredIsRefusedWithServiceUnavailable() {
    FakeSession alice = online("alice@example.com/a", 0);

    router.route(message("alice@example.com/a", "bob@example.com", "chat"), alice);

    assertThat(alice.received)
        .extracting(LocalRouterTest::condition)
        .containsExactly("service-unavailable");
  }

  @Test
  void aMessageToARemoteDomainGoesToItsGatewayAndAFailureComesBackAsAnError() {
    FakeSession alice = online("alice@example.com/a", 0);

    router.route(message("alice@example.com/a", "carol@remote.example", "chat"), alice);
    assertThat(gateway.sent).singleElement();
    assertThat(alice.received).isEmpty();
    gateway.failures.get(0).accept("remote-server-timeout");

    assertThat(alice.received)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(condition(e)).isEqualTo("remote-server-timeout");
              assertThat(e.child(Namespaces.CLIENT, "error").orElseThrow().attribute("type"))
                  .hasValue("wait");
              assertThat(e.attribute("from")).hasValue("carol@remote.example");
            });
  }

  @Test
  void aMessageFromARemoteDomainReachesTheUserAndAnUnknownUserIsAnsweredThroughTheGateway() {
    FakeSession bob = online("bob@example.com/desk", 0);

    router.inbound(message("carol@remote.example/phone", "bob@example.com", "chat"));
    router.inbound(message("carol@remote.example/phone", "nobody@example.com", "chat"));
    router.inbound(message("carol@remote.example/phone", "nobody@example.com", "error"));

    assertThat(bob.received).singleElement();
    assertThat(gateway.sent)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(condition(e)).isEqualTo("service-unavailable");
              assertThat(e.attribute("to")).hasValue("carol@remote.example/phone");
              assertThat(e.attribute("from")).hasValue("nobody@example.com");
            });
  }

  @Test
  void aRemotePingToTheDomainIsAnsweredAndOtherIqsToNobodyAreRefused() {
    XmlElement ping =
        new XmlElement(
            Namespaces.CLIENT,
            "iq",
            Map.of("from", "remote.example", "to", "example.com", "type", "get", "id", "p1"),
            List.of(XmlElement.of("urn:xmpp:ping", "ping")));
    XmlElement version =
        new XmlElement(
            Namespaces.CLIENT,
            "iq",
            Map.of("from", "carol@remote.example/x", "to", "bob@example.com", "type", "get"),
            List.of(XmlElement.of("jabber:iq:version", "query")));

    router.inbound(ping);
    router.inbound(version);

    assertThat(gateway.sent).hasSize(2);
    assertThat(gateway.sent.get(0).attribute("type")).hasValue("result");
    assertThat(gateway.sent.get(0).attribute("id")).hasValue("p1");
    assertThat(condition(gateway.sent.get(1))).isEqualTo("service-unavailable");
  }

  @Test
  void anUnacknowledgedMessageOfAnEndedSessionGoesToTheOtherResource() {
    FakeSession alice = online("alice@example.com/a", 0);
    FakeSession desk = online("bob@example.com/desk", 0);

    router.undeliverable(message("alice@example.com/a", "bob@example.com/phone", "chat"));
    XmlElement iq =
        new XmlElement(
            Namespaces.CLIENT,
            "iq",
            Map.of("from", "alice@example.com/a", "to", "bob@example.com/phone", "type", "get"),
            List.of());
    router.undeliverable(iq);
    router.undeliverable(iq.withAttribute("type", "result"));

    assertThat(desk.received).singleElement().extracting(XmlElement::name).isEqualTo("message");
    assertThat(alice.received)
        .singleElement()
        .extracting(LocalRouterTest::condition)
        .isEqualTo("service-unavailable");
  }

  @Test
  void carbonsCopyChatsToTheOtherResourcesThatAskedForThem() {
    FakeSession alice = online("alice@example.com/a", 0);
    FakeSession aliceCarbons = online("alice@example.com/b", 0);
    aliceCarbons.carbons = true;
    FakeSession aliceNoCarbons = online("alice@example.com/c", 0);
    FakeSession bob = online("bob@example.com/desk", 0);
    FakeSession bobCarbons = online("bob@example.com/phone", -1);
    bobCarbons.carbons = true;

    router.route(message("alice@example.com/a", "bob@example.com", "chat"), alice);
    router.route(message("alice@example.com/a", "bob@example.com", "normal"), alice);
    router.route(message("alice@example.com/a", "bob@example.com", "headline"), alice);

    assertThat(bob.received).hasSize(3);
    assertThat(aliceCarbons.received)
        .hasSize(2) // chat, and normal with a body (XEP-0280 §6); not headline
        .allSatisfy(m -> assertThat(m.child("urn:xmpp:carbons:2", "sent")).isPresent());
    assertThat(bobCarbons.received)
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.child("urn:xmpp:carbons:2", "received")).isPresent());
    assertThat(aliceNoCarbons.received).isEmpty();
  }

  @Test
  void theLateEndOfAReplacedSessionDoesNotMakeItsSuccessorUnavailable() {
    FakeSession alice = online("alice@example.com/a", 0);
    FakeSession before = online("bob@example.com/desk", 0);
    FakeSession after = online("bob@example.com/desk", 0); // same full JID, a new session

    router.sessionEnded(before);
    router.route(message("alice@example.com/a", "bob@example.com", "chat"), alice);

    assertThat(after.received).hasSize(1);
    assertThat(alice.received).isEmpty(); // not refused as if bob were offline
  }

  @Test
  void aMalformedToIsJidMalformedNeverTheSendersOwnJid() {
    FakeSession alice = online("alice@example.com/a", 0);
    FakeSession aliceOther = online("alice@example.com/b", 0);

    router.route(message("alice@example.com/a", "bob@@example.com", "chat"), alice);
    router.route(
        new XmlElement(
            Namespaces.CLIENT,
            "iq",
            Map.of("from", "alice@example.com/a", "to", "@example.com", "type", "get", "id", "q"),
            List.of(XmlElement.of("urn:xmpp:ping", "ping"))),
        alice);

    assertThat(alice.received)
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(condition(e)).isEqualTo("jid-malformed");
              assertThat(e.attribute("from")).contains("example.com");
            });
    assertThat(aliceOther.received).isEmpty();
  }

  @Test
  void aPrivateMessageIsCopiedToNoneOfEitherUsersOtherResources() {
    FakeSession alice = online("alice@example.com/a", 0);
    FakeSession aliceCarbons = online("alice@example.com/b", 0);
    aliceCarbons.carbons = true;
    FakeSession bob = online("bob@example.com/desk", 0);
    FakeSession bobCarbons = online("bob@example.com/phone", -1);
    bobCarbons.carbons = true;

    router.route(
        message("alice@example.com/a", "bob@example.com", "chat")
            .withChild(XmlElement.of("urn:xmpp:carbons:2", "private")),
        alice);
    router.route(
        message("alice@example.com/a", "bob@example.com", "groupchat")
            .withAttribute("to", "bob@example.com/desk"),
        alice);

    assertThat(bob.received).hasSize(2);
    assertThat(bob.received.get(0).child("urn:xmpp:carbons:2", "private")).isEmpty();
    assertThat(aliceCarbons.received).isEmpty();
    assertThat(bobCarbons.received).isEmpty();
  }

  private FakeSession online(String jid, int priority) {
    FakeSession session = new FakeSession(Jid.parse(jid).orElseThrow());
    sessions.bind(session);
    XmlElement presence =
        new XmlElement(
            Namespaces.CLIENT,
            "presence",
            Map.of("from", jid),
            List.of(
                new XmlElement(
                    Namespaces.CLIENT, "priority", Map.of(), List.of(String.valueOf(priority)))));
    router.route(presence, session);
    return session;
  }

  private static XmlElement message(String from, String to, String type) {
    return new XmlElement(
        Namespaces.CLIENT,
        "message",
        Map.of("from", from, "to", to, "type", type),
        List.of(new XmlElement(Namespaces.CLIENT, "body", Map.of(), List.of("hi"))));
  }

  private static String condition(XmlElement stanza) {
    return stanza.child(Namespaces.CLIENT, "error").orElseThrow().childElements().get(0).name();
  }

  private static UserWithKeys user(long id, String name, boolean enabled, SecureRandom random) {
    return new UserWithKeys(
        new LocalUser(id, name, "example.com", enabled),
        ScramKeys.derive("password".toCharArray(), random, 1));
  }

  private static final class FakeGateway implements RemoteGateway {
    final List<XmlElement> sent = new CopyOnWriteArrayList<>();
    final List<Consumer<String>> failures = new CopyOnWriteArrayList<>();

    @Override
    public void send(XmlElement stanza, Consumer<String> failed) {
      sent.add(stanza);
      failures.add(failed);
    }
  }

  private static final class FakeSession implements ClientSession {
    private final Jid jid;
    final List<XmlElement> received = new CopyOnWriteArrayList<>();
    volatile boolean carbons;

    FakeSession(Jid jid) {
      this.jid = jid;
    }

    @Override
    public Jid jid() {
      return jid;
    }

    @Override
    public void deliver(XmlElement stanza) {
      received.add(stanza);
    }

    @Override
    public void close(StreamError error) {}

    @Override
    public boolean carbonsEnabled() {
      return carbons;
    }
  }
}
