package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.rosterstore.DirectoryRosterStore;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The Presence Engine with real Smack 4.4 clients against a whole node: rosters, subscription
 * requests approved and denied, presence seen online and going offline, roster versioning.
 */
class PresenceIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir static Path temp;
  static TestNode node;
  static SmackClients clients;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(temp.resolve("data"));
    clients = SmackClients.of(node, temp);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @AfterEach
  void disconnect() {
    clients.disconnectAll();
  }

  @Test
  void aliceAddsBobBobApprovesAndBothSeeEachOtherOnlineUntilBobLeaves() throws Exception {
    XMPPTCPConnection alice = login("alice", SubscribeAnswer.Approve);
    XMPPTCPConnection bob = login("bob", SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
    Roster aliceRoster = Roster.getInstanceFor(alice);
    Roster bobRoster = Roster.getInstanceFor(bob);

    aliceRoster.createItemAndRequestSubscription(jid("bob"), "Bob", new String[] {"Friends"});

    await().atMost(WAIT).until(() -> type(aliceRoster, "bob") == RosterPacket.ItemType.both);
    await().atMost(WAIT).until(() -> type(bobRoster, "alice") == RosterPacket.ItemType.both);
    await().atMost(WAIT).until(() -> aliceRoster.getPresence(jid("bob")).isAvailable());
    await().atMost(WAIT).until(() -> bobRoster.getPresence(jid("alice")).isAvailable());
    assertThat(aliceRoster.getEntry(jid("bob")).getName()).isEqualTo("Bob");
    assertThat(aliceRoster.getEntry(jid("bob")).getGroups())
        .extracting(g -> g.getName())
        .containsExactly("Friends");

    bob.disconnect();
    await().atMost(WAIT).until(() -> !aliceRoster.getPresence(jid("bob")).isAvailable());
  }

  @Test
  void aDeniedRequestLeavesNoSubscription() throws Exception {
    XMPPTCPConnection carol = login("carol", SubscribeAnswer.Deny);
    XMPPTCPConnection dave = login("dave", SubscribeAnswer.Deny);
    Roster carolRoster = Roster.getInstanceFor(carol);

    carolRoster.createItemAndRequestSubscription(jid("dave"), "Dave", null);
    await().atMost(WAIT).until(() -> entry(carolRoster, "dave") != null);
    await()
        .atMost(WAIT)
        .until(
            () ->
                !entry(carolRoster, "dave").isSubscriptionPending()
                    && type(carolRoster, "dave") == RosterPacket.ItemType.none);
    assertThat(carolRoster.getPresence(jid("dave")).isAvailable()).isFalse();
    assertThat(Roster.getInstanceFor(dave).getEntry(jid("carol"))).isNull();
  }

  @Test
  void unsubscribingStopsPresenceAndRemovingTheItemCancelsTheRest() throws Exception {
    XMPPTCPConnection erin = login("erin", SubscribeAnswer.Approve);
    XMPPTCPConnection frank = login("frank", SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
    Roster erinRoster = Roster.getInstanceFor(erin);
    Roster frankRoster = Roster.getInstanceFor(frank);
    erinRoster.createItemAndRequestSubscription(jid("frank"), "Frank", null);
    await().atMost(WAIT).until(() -> type(frankRoster, "erin") == RosterPacket.ItemType.both);
    await().atMost(WAIT).until(() -> erinRoster.getPresence(jid("frank")).isAvailable());

    erin.sendStanza(
        erin.getStanzaFactory()
            .buildPresenceStanza()
            .ofType(Presence.Type.unsubscribe)
            .to(jid("frank"))
            .build());

    await().atMost(WAIT).until(() -> type(erinRoster, "frank") == RosterPacket.ItemType.from);
    await().atMost(WAIT).until(() -> type(frankRoster, "erin") == RosterPacket.ItemType.to);
    await().atMost(WAIT).until(() -> !erinRoster.getPresence(jid("frank")).isAvailable());
    assertThat(frankRoster.getPresence(jid("erin")).isAvailable()).isTrue();

    erinRoster.removeEntry(erinRoster.getEntry(jid("frank")));
    await().atMost(WAIT).until(() -> type(frankRoster, "erin") == RosterPacket.ItemType.none);
    await().atMost(WAIT).until(() -> !frankRoster.getPresence(jid("erin")).isAvailable());
  }

  @Test
  void aRosterRequestWithTheCurrentVersionGetsAnEmptyResult() throws Exception {
    XMPPTCPConnection grace = login("grace", SubscribeAnswer.Deny);
    login("heidi", SubscribeAnswer.Deny);
    Roster.getInstanceFor(grace).createItem(jid("heidi"), "Heidi", null);

    RosterPacket first = new RosterPacket();
    first.setVersion("");
    IQ full = grace.createStanzaCollectorAndSend(first).nextResultOrThrow();
    assertThat(full).isInstanceOf(RosterPacket.class);
    String version = ((RosterPacket) full).getVersion();
    assertThat(version).isNotBlank();
    assertThat(((RosterPacket) full).getRosterItems())
        .extracting(i -> i.getJid().toString())
        .containsExactly("heidi@" + clients.domain());

    RosterPacket again = new RosterPacket();
    again.setVersion(version);
    IQ unchanged = grace.createStanzaCollectorAndSend(again).nextResultOrThrow();
    assertThat(unchanged).isNotInstanceOf(RosterPacket.class);
    assertThat(unchanged.getType()).isEqualTo(IQ.Type.result);

    Roster.getInstanceFor(grace).createItem(jid("heidi"), "Heidi H.", null);
    RosterPacket stale = new RosterPacket();
    stale.setVersion(version);
    IQ changed = grace.createStanzaCollectorAndSend(stale).nextResultOrThrow();
    assertThat(changed).isInstanceOf(RosterPacket.class);
    assertThat(((RosterPacket) changed).getVersion()).isNotEqualTo(version);
  }

  @Test
  void aClientWithARosterStoreLogsInWithItsVersionAndKeepsItsRoster() throws Exception {
    Path store = Files.createDirectories(temp.resolve("nina-roster"));
    XMPPTCPConnection nina =
        clients.login("nina", SubscribeAnswer.Deny, DirectoryRosterStore.init(store.toFile()));
    assertThat(Roster.getInstanceFor(nina).isRosterVersioningSupported()).isTrue();
    Roster.getInstanceFor(nina).createItem(jid("oscar"), "Oscar", null);
    // Smack writes the store on its own thread, version file and entry files one after the other:
    // a store read while a file is being rewritten does not open (null) yet
    await().atMost(WAIT).until(() -> storedEntry(store, "oscar") != null);
    nina.disconnect();

    Roster again =
        Roster.getInstanceFor(
            clients.login("nina", SubscribeAnswer.Deny, DirectoryRosterStore.open(store.toFile())));
    assertThat(entry(again, "oscar").getName()).isEqualTo("Oscar");
  }

  @Test
  void directedPresenceReachesANonContactAndGoesUnavailableWhenTheSenderLeaves() throws Exception {
    XMPPTCPConnection kim = login("kim", SubscribeAnswer.Deny);
    XMPPTCPConnection leo = login("leo", SubscribeAnswer.Deny);
    List<Presence> seen = new CopyOnWriteArrayList<>();
    leo.addAsyncStanzaListener(
        s -> seen.add((Presence) s),
        s -> s instanceof Presence p && p.getFrom().asBareJid().toString().startsWith("kim@"));

    kim.sendStanza(kim.getStanzaFactory().buildPresenceStanza().to(jid("leo")).build());
    await().atMost(WAIT).until(() -> seen.stream().anyMatch(Presence::isAvailable));

    kim.disconnect();
    await()
        .atMost(WAIT)
        .until(() -> seen.stream().anyMatch(p -> p.getType() == Presence.Type.unavailable));
  }

  @Test
  void presenceToAnotherDomainComesBackWithRemoteServerNotFound() throws Exception {
    XMPPTCPConnection mallory = login("mallory", SubscribeAnswer.Deny);
    List<Presence> errors = new CopyOnWriteArrayList<>();
    mallory.addAsyncStanzaListener(
        s -> errors.add((Presence) s),
        s -> s instanceof Presence p && p.getType() == Presence.Type.error);

    mallory.sendStanza(
        mallory
            .getStanzaFactory()
            .buildPresenceStanza()
            .ofType(Presence.Type.subscribe)
            .to(JidCreate.entityBareFrom("someone@remote.example"))
            .build());

    await().atMost(WAIT).until(() -> !errors.isEmpty());
    assertThat(errors.get(0).getError().getCondition())
        .isEqualTo(StanzaError.Condition.remote_server_not_found);
    RosterEntry pending =
        Roster.getInstanceFor(mallory).getEntry(JidCreate.entityBareFrom("someone@remote.example"));
    assertThat(pending).isNotNull();
    assertThat(pending.isSubscriptionPending()).isTrue();
  }

  @Test
  void storedRostersSurviveARestartOfThePresenceEngine() throws Exception {
    XMPPTCPConnection ivan = login("ivan", SubscribeAnswer.Deny);
    Roster.getInstanceFor(ivan).createItem(jid("judy"), "Judy", null);
    ivan.disconnect();
    TestNode.CliRun restart = node.local("utils", "service", "restart", "presence engine");
    assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
    clients.rebound();

    Roster again = Roster.getInstanceFor(login("ivan", SubscribeAnswer.Deny));
    await().atMost(WAIT).until(() -> entry(again, "judy") != null);
    assertThat(entry(again, "judy").getName()).isEqualTo("Judy");
  }

  private static RosterPacket.Item storedEntry(Path store, String user) throws Exception {
    DirectoryRosterStore opened = DirectoryRosterStore.open(store.toFile());
    return opened == null ? null : opened.getEntry(jid(user));
  }

  private static RosterEntry entry(Roster roster, String user) throws Exception {
    return roster.getEntry(jid(user));
  }

  private static RosterPacket.ItemType type(Roster roster, String user) throws Exception {
    RosterEntry entry = entry(roster, user);
    return entry == null ? null : entry.getType();
  }

  private static BareJid jid(String user) throws Exception {
    return clients.jid(user);
  }

  private static XMPPTCPConnection login(String user, SubscribeAnswer answer) throws Exception {
    return clients.login(user, answer);
  }
}
