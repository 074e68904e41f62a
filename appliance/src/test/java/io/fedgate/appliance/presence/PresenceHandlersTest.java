package io.fedgate.appliance.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.JdbcLocalUsers;
import io.fedgate.appliance.store.JdbcLocalUsers.UserWithKeys;
import io.fedgate.appliance.store.JdbcRosters;
import io.fedgate.appliance.store.LocalUser;
import io.fedgate.appliance.store.ScramKeys;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.ClientSession;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.stream.StreamError;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's handlers without sockets, on the test thread (standing in for the engine's thread),
 * over an in-memory H2 database with the real migrations.
 */
class PresenceHandlersTest {
  private final LocalSessions sessions = new LocalSessions();
  private final List<XmlElement> routed = new ArrayList<>();
  private Database database;
  private Map<String, Long> ids;
  private UserDirectory directory;
  private PresenceHandler presence;
  private SubscriptionHandler subscriptions;
  private RosterBook book;
  private RemotePresence remote;
  private final List<XmlElement> deliveredFromRemote = new ArrayList<>();

  @BeforeEach
  void setUp() {
    database = Database.open("jdbc:h2:mem:presence-" + UUID.randomUUID(), "", "");
    JdbcLocalUsers rows = new JdbcLocalUsers(Clock.systemUTC());
    ScramKeys keys = ScramKeys.derive("password".toCharArray(), new SecureRandom(), 1);
    List<UserWithKeys> users = new ArrayList<>();
    for (String name : List.of("alice", "bob")) {
      LocalUser user = database.inTransaction(c -> rows.insert(c, name, "example.com", keys));
      users.add(new UserWithKeys(user, keys));
    }
    ids = Map.of("alice", users.get(0).user().id(), "bob", users.get(1).user().id());
    directory = new UserDirectory();
    directory.replace(users);
    Set<String> domains = Set.of("example.com");
    Accounts accounts = new Accounts(domains, directory);
    book = new RosterBook(database, new JdbcRosters());
    PresenceState state = new PresenceState(sessions);
    Outbox outbox = new Outbox(domains, sessions, state, routed::add);
    subscriptions = new SubscriptionHandler(accounts, book, state, outbox);
    presence = new PresenceHandler(accounts, book, state, outbox);
    remote =
        new RemotePresence(
            accounts, book, state, outbox, subscriptions, (p, to) -> deliveredFromRemote.add(p));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aUsersResourcesSeeEachOther() {
    FakeSession laptop = online("alice@example.com/laptop");
    FakeSession phone = online("alice@example.com/phone");

    assertThat(froms(laptop.received)).contains("alice@example.com/phone");
    assertThat(froms(phone.received)).contains("alice@example.com/laptop");
  }

  @Test
  void aRequestToAnOfflineContactIsDeliveredWhenItLogsIn() {
    FakeSession alice = online("alice@example.com/laptop");
    subscriptions.outbound(ids.get("alice"), alice, jid("bob@example.com"), "subscribe");

    FakeSession bob = online("bob@example.com/desk");

    assertThat(bob.received)
        .anyMatch(
            p ->
                p.attribute("type").orElse("").equals("subscribe")
                    && p.attribute("from").orElse("").equals("alice@example.com"));
  }

  @Test
  void aRequestKeepsItsStatusTextAndIsSentFromTheBareJid() {
    FakeSession alice = online("alice@example.com/laptop");
    FakeSession bob = online("bob@example.com/desk");
    XmlElement status = new XmlElement(Namespaces.CLIENT, "status", Map.of(), List.of("hi, Alice"));
    XmlElement request =
        new XmlElement(
            Namespaces.CLIENT,
            "presence",
            Map.of(
                "from", "alice@example.com/laptop", "to", "bob@example.com", "type", "subscribe"),
            List.of(status));

    subscriptions.outbound(ids.get("alice"), alice, jid("bob@example.com"), request);

    XmlElement delivered =
        bob.received.stream()
            .filter(p -> p.attribute("type").orElse("").equals("subscribe"))
            .findFirst()
            .orElseThrow();
    assertThat(delivered.attribute("from")).hasValue("alice@example.com");
    assertThat(delivered.child(Namespaces.CLIENT, "status").map(XmlElement::text))
        .hasValue("hi, Alice");
  }

  @Test
  void aPreApprovedRequestIsApprovedWithoutAskingAndPresenceFlows() {
    FakeSession bob = online("bob@example.com/desk");
    subscriptions.outbound(ids.get("bob"), bob, jid("alice@example.com"), "subscribed");
    assertThat(book.of(ids.get("bob")).item(jid("alice@example.com")).orElseThrow().preApproved())
        .isTrue();
    FakeSession alice = online("alice@example.com/laptop");

    subscriptions.outbound(ids.get("alice"), alice, jid("bob@example.com"), "subscribe");

    assertThat(state("alice", "bob@example.com")).isEqualTo(SubscriptionState.TO);
    assertThat(state("bob", "alice@example.com")).isEqualTo(SubscriptionState.FROM);
    assertThat(bob.received).noneMatch(p -> p.attribute("type").orElse("").equals("subscribe"));
    assertThat(froms(alice.received)).contains("bob@example.com/desk");
  }

  @Test
  void aRequestToAnotherDomainGoesThroughTheRouterAndIsPendingOut() {
    FakeSession alice = online("alice@example.com/laptop");

    subscriptions.outbound(ids.get("alice"), alice, jid("carol@remote.example"), "subscribe");

    assertThat(routed)
        .singleElement()
        .satisfies(p -> assertThat(p.attribute("to")).hasValue("carol@remote.example"));
    assertThat(state("alice", "carol@remote.example"))
        .isEqualTo(SubscriptionState.NONE_PENDING_OUT);
  }

  @Test
  void aRemoteRequestIsPendingInAndReachesTheUserFromTheBareJid() {
    FakeSession alice = online("alice@example.com/laptop");

    remote.handle(remotePresence("carol@remote.example/phone", "alice@example.com", "subscribe"));

    assertThat(state("alice", "carol@remote.example")).isEqualTo(SubscriptionState.NONE_PENDING_IN);
    assertThat(alice.received)
        .anyMatch(
            p ->
                p.attribute("type").orElse("").equals("subscribe")
                    && p.attribute("from").orElse("").equals("carol@remote.example"));
  }

  @Test
  void aRemoteApprovalMakesTheSubscriptionToAndProbesTheContact() {
    FakeSession alice = online("alice@example.com/laptop");
    subscriptions.outbound(ids.get("alice"), alice, jid("carol@remote.example"), "subscribe");
    routed.clear();

    remote.handle(remotePresence("carol@remote.example", "alice@example.com", "subscribed"));

    assertThat(state("alice", "carol@remote.example")).isEqualTo(SubscriptionState.TO);
    assertThat(routed)
        .anyMatch(
            p ->
                p.attribute("type").orElse("").equals("probe")
                    && p.attribute("to").orElse("").equals("carol@remote.example"));
  }

  @Test
  void aProbeFromAContactWithoutSubscriptionIsAnsweredUnsubscribed() {
    online("alice@example.com/laptop");

    remote.handle(remotePresence("carol@remote.example/phone", "alice@example.com", "probe"));

    assertThat(routed)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.attribute("type")).hasValue("unsubscribed");
              assertThat(p.attribute("to")).hasValue("carol@remote.example");
            });
  }

  @Test
  void aProbeFromAnAuthorisedContactGetsEachAvailableResource() {
    online("alice@example.com/laptop");
    online("alice@example.com/phone");
    remote.handle(remotePresence("carol@remote.example", "alice@example.com", "subscribe"));
    FakeSession laptop = (FakeSession) sessions.find(jid("alice@example.com/laptop")).orElseThrow();
    subscriptions.outbound(ids.get("alice"), laptop, jid("carol@remote.example"), "subscribed");
    routed.clear();

    remote.handle(remotePresence("carol@remote.example/phone", "alice@example.com", "probe"));

    assertThat(froms(routed))
        .containsExactlyInAnyOrder("alice@example.com/laptop", "alice@example.com/phone");
  }

  @Test
  void remoteAvailabilityIsHandedToLocalDeliveryAndLocalFromsAreIgnored() {
    remote.handle(remotePresence("carol@remote.example/phone", "alice@example.com", null));
    remote.handle(remotePresence("bob@example.com/desk", "alice@example.com", null));

    assertThat(froms(deliveredFromRemote)).containsExactly("carol@remote.example/phone");
  }

  @Test
  void rostersAreReadBackFromTheDatabase() {
    FakeSession alice = online("alice@example.com/laptop");
    subscriptions.outbound(ids.get("alice"), alice, jid("bob@example.com"), "subscribe");
    book.clear();

    assertThat(state("alice", "bob@example.com")).isEqualTo(SubscriptionState.NONE_PENDING_OUT);
    assertThat(book.of(ids.get("alice")).version()).isPositive();
  }

  @Test
  void theLateEndOfAReplacedSessionDoesNotMakeItsSuccessorUnavailable() {
    FakeSession bob = online("bob@example.com/desk");
    FakeSession before = online("alice@example.com/laptop");
    subscriptions.outbound(ids.get("bob"), bob, jid("alice@example.com"), "subscribe");
    subscriptions.outbound(ids.get("alice"), before, jid("bob@example.com"), "subscribed");
    // the client reconnects with the same full JID; the new session's presence is handled first
    FakeSession after = online("alice@example.com/laptop");
    bob.received.clear();

    presence.ended(before);

    assertThat(bob.received).noneMatch(p -> p.attribute("type").orElse("").equals("unavailable"));
    presence.ended(after);
    assertThat(bob.received)
        .anyMatch(
            p ->
                p.attribute("type").orElse("").equals("unavailable")
                    && p.attribute("from").orElse("").equals("alice@example.com/laptop"));
  }

  @Test
  void aUsersPresenceNeverReachesAContactItBlocked() {
    Set<String> domains = Set.of("example.com");
    PresenceState state = new PresenceState(sessions);
    Outbox blocking =
        new Outbox(
            domains,
            sessions,
            state,
            routed::add,
            (owner, other) ->
                owner.equals(jid("alice@example.com"))
                    && other.bare().equals(jid("bob@example.com")));
    FakeSession bob = new FakeSession(jid("bob@example.com/desk"));
    sessions.bind(bob);
    state.setAvailable(bob, new XmlElement(Namespaces.CLIENT, "presence", Map.of(), List.of()));

    blocking.send(
        Outbox.presence(jid("alice@example.com/laptop"), jid("x@example.com"), null),
        jid("bob@example.com"));
    blocking.send(
        Outbox.presence(jid("alice@example.com/laptop"), jid("x@example.com"), "unavailable"),
        jid("bob@example.com/desk"));
    blocking.send(
        Outbox.presence(jid("alice@example.com"), jid("x@example.com"), "probe"),
        jid("bob@example.com"));
    assertThat(bob.received).isEmpty();

    // subscription stanzas keep RFC 6121 §3; anyone else's presence still arrives
    blocking.send(
        Outbox.presence(jid("alice@example.com"), jid("x@example.com"), "subscribed"),
        jid("bob@example.com"));
    blocking.send(
        Outbox.presence(jid("carol@example.com/a"), jid("x@example.com"), null),
        jid("bob@example.com"));
    assertThat(bob.received).hasSize(2);
  }

  @Test
  void blockingSendsTheContactUnavailableAndUnblockingTheCurrentPresence() {
    Set<Jid> blockedByAlice = new java.util.HashSet<>();
    Set<String> domains = Set.of("example.com");
    PresenceState state = new PresenceState(sessions);
    Outbox outbox =
        new Outbox(
            domains,
            sessions,
            state,
            routed::add,
            (owner, other) ->
                owner.equals(jid("alice@example.com")) && blockedByAlice.contains(other.bare()));
    Accounts accounts = new Accounts(domains, directory);
    SubscriptionHandler subs = new SubscriptionHandler(accounts, book, state, outbox);
    PresenceHandler handler = new PresenceHandler(accounts, book, state, outbox);
    FakeSession alice = new FakeSession(jid("alice@example.com/laptop"));
    FakeSession bob = new FakeSession(jid("bob@example.com/desk"));
    for (FakeSession s : List.of(alice, bob)) {
      sessions.bind(s);
      handler.broadcast(
          new XmlElement(
              Namespaces.CLIENT, "presence", Map.of("from", s.jid().toString()), List.of()),
          s);
    }
    subs.outbound(ids.get("bob"), bob, jid("alice@example.com"), "subscribe");
    subs.outbound(ids.get("alice"), alice, jid("bob@example.com"), "subscribed");
    bob.received.clear();

    blockedByAlice.add(jid("bob@example.com"));
    handler.blockChanged(jid("alice@example.com"), List.of(jid("bob@example.com")), true);
    assertThat(bob.received)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.attribute("type")).hasValue("unavailable");
              assertThat(p.attribute("from")).hasValue("alice@example.com/laptop");
            });

    blockedByAlice.clear();
    handler.blockChanged(jid("alice@example.com"), List.of(jid("bob@example.com")), false);
    assertThat(bob.received).hasSize(2);
    assertThat(bob.received.get(1).attribute("type")).isEmpty();
    assertThat(bob.received.get(1).attribute("from")).hasValue("alice@example.com/laptop");
  }

  private SubscriptionState state(String user, String contact) {
    return book.of(ids.get(user)).item(jid(contact)).orElseThrow().state();
  }

  private FakeSession online(String full) {
    FakeSession session = new FakeSession(jid(full));
    sessions.bind(session);
    presence.broadcast(
        new XmlElement(Namespaces.CLIENT, "presence", Map.of("from", full), List.of()), session);
    return session;
  }

  private static XmlElement remotePresence(String from, String to, String type) {
    Map<String, String> attributes = new java.util.LinkedHashMap<>();
    attributes.put("from", from);
    attributes.put("to", to);
    if (type != null) {
      attributes.put("type", type);
    }
    return new XmlElement(Namespaces.CLIENT, "presence", attributes, List.of());
  }

  private static List<String> froms(List<XmlElement> stanzas) {
    return stanzas.stream().map(s -> s.attribute("from").orElse("")).toList();
  }

  private static Jid jid(String text) {
    return Jid.parse(text).orElseThrow();
  }

  private static final class FakeSession implements ClientSession {
    private final Jid jid;
    final List<XmlElement> received = new ArrayList<>();

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
  }
}
