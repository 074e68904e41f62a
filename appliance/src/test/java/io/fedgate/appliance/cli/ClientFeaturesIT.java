package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The C2S extensions of a whole node with real Smack 4.4 clients: XEP-0198 sessions that are not
 * resumed in time hand their unacknowledged messages to offline storage (resumption itself is shown
 * in xmpp-federation's {@code C2sStreamManagementIT}), XEP-0280 message carbons between two
 * resources of one user.
 */
class ClientFeaturesIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String CARBONS = "urn:xmpp:carbons:2";
  @TempDir static Path temp;
  static TestNode node;
  static SmackClients clients;

  @BeforeAll
  static void start() throws Exception {
    ProviderManager.addExtensionProvider("sent", CARBONS, new CopyProvider());
    ProviderManager.addExtensionProvider("received", CARBONS, new CopyProvider());
    node = TestNode.start(temp.resolve("data"));
    assertThat(
            node.local("utils", "param", "set", "xmpp.c2s.resumption-timeout-seconds", "1")
                .exitCode())
        .isZero();
    assertThat(node.local("utils", "service", "restart", "XMPP Connection Manager").exitCode())
        .isZero();
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
  void aMessageToADroppedSessionNotResumedInTimeIsKeptOffline() throws Exception {
    XMPPTCPConnection alice = clients.login("alice", SubscribeAnswer.Approve);
    XMPPTCPConnection bob = clients.login("bob", SubscribeAnswer.Approve);
    assertThat(bob.isSmResumptionPossible()).isTrue();
    Roster aliceRoster = Roster.getInstanceFor(alice);
    aliceRoster.createItemAndRequestSubscription(clients.jid("bob"), "Bob", null);
    await().atMost(WAIT).until(() -> aliceRoster.getPresence(clients.jid("bob")).isAvailable());

    bob.instantShutdown(); // TCP gone, no closing stream: the session waits 1 s to be resumed
    alice.sendStanza(message(alice, "bob@" + clients.domain() + "/desk", "while you were gone"));
    // not resumed: the session ends, its presence goes unavailable
    await().atMost(WAIT).until(() -> !aliceRoster.getPresence(clients.jid("bob")).isAvailable());

    XMPPTCPConnection bobAgain = clients.connection("bob", "desk", SubscribeAnswer.Approve, null);
    List<Message> received = inbox(bobAgain);
    clients.login(bobAgain);
    await().atMost(WAIT).until(() -> !received.isEmpty());
    assertThat(received.get(0).getBody()).isEqualTo("while you were gone");
    assertThat(received.get(0).getFrom().toString())
        .isEqualTo("alice@" + clients.domain() + "/desk");
    assertThat(DelayInformation.from(received.get(0))).isNotNull(); // it came from offline storage
  }

  @Test
  void carbonsCopySentAndReceivedChatsToTheUsersOtherResource() throws Exception {
    XMPPTCPConnection carolPhone = clients.login("carol", "phone", SubscribeAnswer.Deny, null);
    XMPPTCPConnection carolDesk = clients.login("carol", "desk", SubscribeAnswer.Deny, null);
    XMPPTCPConnection dave = clients.login("dave", SubscribeAnswer.Deny);
    carolDesk.createStanzaCollectorAndSend(new CarbonsIq("enable")).nextResultOrThrow();
    List<Message> onDesk = inbox(carolDesk);
    List<Message> atDave = inbox(dave);
    String carolPhoneJid = "carol@" + clients.domain() + "/phone";

    Message privateOne = message(carolPhone, "dave@" + clients.domain(), "private one");
    privateOne.addExtension(new StandardExtensionElement("private", CARBONS));
    carolPhone.sendStanza(privateOne);
    carolPhone.sendStanza(message(carolPhone, "dave@" + clients.domain(), "sent from the phone"));
    await().atMost(WAIT).until(() -> onDesk.size() == 1);
    dave.sendStanza(message(dave, carolPhoneJid, "to the phone"));
    await().atMost(WAIT).until(() -> onDesk.size() == 2);

    assertThat(atDave)
        .extracting(Message::getBody)
        .containsExactly("private one", "sent from the phone");
    assertThat(onDesk).allMatch(m -> m.getBody() == null); // only copies, wrapped
    assertThat(copied(onDesk.get(0), "sent")).isEqualTo("sent from the phone");
    assertThat(copied(onDesk.get(1), "received")).isEqualTo("to the phone");
    assertThat(onDesk.get(0).getFrom().toString()).isEqualTo("carol@" + clients.domain());

    // disabled: no more copies (a message the desk itself gets proves the order)
    carolDesk.createStanzaCollectorAndSend(new CarbonsIq("disable")).nextResultOrThrow();
    dave.sendStanza(message(dave, carolPhoneJid, "not copied"));
    dave.sendStanza(message(dave, "carol@" + clients.domain() + "/desk", "for the desk"));
    await().atMost(WAIT).until(() -> onDesk.stream().anyMatch(m -> m.getBody() != null));
    assertThat(onDesk).hasSize(3);
  }

  @Test
  void blockingDropsTheBlockedContactPushesToResourcesAndIsKept() throws Exception {
    XMPPTCPConnection erin = clients.login("erin", "desk", SubscribeAnswer.Deny, null);
    XMPPTCPConnection erinPhone = clients.login("erin", "phone", SubscribeAnswer.Deny, null);
    XMPPTCPConnection frank = clients.login("frank", SubscribeAnswer.Deny);
    BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(erin);
    assertThat(blocking.isSupportedByServer()).isTrue();
    List<Jid> pushedToPhone = new CopyOnWriteArrayList<>();
    BlockingCommandManager.getInstanceFor(erinPhone).addJidsBlockedListener(pushedToPhone::addAll);
    List<Message> atErin = inbox(erin);
    List<Message> atFrank = inbox(frank);
    Jid frankJid = clients.jid("frank");

    blocking.blockContacts(List.of(frankJid));
    await().atMost(WAIT).until(() -> pushedToPhone.contains(frankJid));
    frank.sendStanza(message(frank, "erin@" + clients.domain() + "/desk", "are you there?"));
    erin.sendStanza(message(erin, frankJid.toString(), "you are blocked"));

    await().atMost(WAIT).until(() -> atFrank.size() == 1);
    assertThat(atFrank.get(0).getError().getCondition())
        .isEqualTo(StanzaError.Condition.service_unavailable);
    await().atMost(WAIT).until(() -> atErin.size() == 1);
    assertThat(atErin.get(0).getError().getCondition())
        .isEqualTo(StanzaError.Condition.not_acceptable);
    assertThat(
            (Object) atErin.get(0).getError().getExtension("blocked", "urn:xmpp:blocking:errors"))
        .isNotNull();

    // stored: a new login reads the same list after the XCP Router restarted
    clients.disconnectAll();
    assertThat(node.local("utils", "service", "restart", "XCP Router").exitCode()).isZero();
    clients.rebound();
    XMPPTCPConnection erinAgain = clients.login("erin", "desk", SubscribeAnswer.Deny, null);
    BlockingCommandManager again = BlockingCommandManager.getInstanceFor(erinAgain);
    assertThat(again.getBlockList()).containsExactly(frankJid);

    again.unblockContacts(List.of(frankJid));
    XMPPTCPConnection frankAgain = clients.login("frank", SubscribeAnswer.Deny);
    List<Message> atErinAgain = inbox(erinAgain);
    frankAgain.sendStanza(message(frankAgain, "erin@" + clients.domain() + "/desk", "hello again"));
    await().atMost(WAIT).until(() -> !atErinAgain.isEmpty());
    assertThat(atErinAgain.get(0).getBody()).isEqualTo("hello again");
  }

  @Test
  void aBlockedContactSeesNoPresenceAndCannotLeaveOfflineMessages() throws Exception {
    XMPPTCPConnection gina = clients.login("gina", SubscribeAnswer.Approve);
    XMPPTCPConnection hank = clients.login("hank", SubscribeAnswer.Approve);
    XMPPTCPConnection ivy = clients.login("ivy", SubscribeAnswer.Approve);
    Jid ginaJid = clients.jid("gina");
    Jid hankJid = clients.jid("hank");
    Roster hankRoster = Roster.getInstanceFor(hank);
    Roster ivyRoster = Roster.getInstanceFor(ivy);
    hankRoster.createItemAndRequestSubscription(clients.jid("gina"), "Gina", null);
    ivyRoster.createItemAndRequestSubscription(clients.jid("gina"), "Gina", null);
    await().atMost(WAIT).until(() -> hankRoster.getPresence(clients.jid("gina")).isAvailable());
    await().atMost(WAIT).until(() -> ivyRoster.getPresence(clients.jid("gina")).isAvailable());
    List<Presence> atHank = new CopyOnWriteArrayList<>();
    hank.addSyncStanzaListener(
        s -> {
          if (s.getFrom().asBareJid().equals(ginaJid)) {
            atHank.add((Presence) s);
          }
        },
        StanzaTypeFilter.PRESENCE);

    BlockingCommandManager.getInstanceFor(gina).blockContacts(List.of(hankJid));
    gina.sendStanza(presence(gina, null, "broadcast while blocked"));
    gina.sendStanza(presence(gina, "hank@" + clients.domain() + "/desk", "directed while blocked"));
    // the roster answer comes from the Presence Engine's thread after both presences were handled
    Roster.getInstanceFor(gina).reloadAndWait();
    BlockingCommandManager.getInstanceFor(gina).unblockContacts(List.of(hankJid));
    gina.sendStanza(presence(gina, "hank@" + clients.domain() + "/desk", "directed after"));
    await()
        .atMost(WAIT)
        .until(() -> atHank.stream().anyMatch(p -> "directed after".equals(p.getStatus())));
    // XEP-0191 §3.3: unavailable when blocked; nothing while blocked; §3.4: the current presence
    // again when unblocked, then the new directed presence
    assertThat(atHank)
        .filteredOn(p -> p.getType() == Presence.Type.unavailable || p.getStatus() != null)
        .extracting(p -> p.getStatus() == null ? p.getType().toString() : p.getStatus())
        .containsExactly("unavailable", "broadcast while blocked", "directed after");

    // blocked again and offline: hank's message is refused, not stored for gina's next login
    BlockingCommandManager.getInstanceFor(gina).blockContacts(List.of(hankJid));
    gina.disconnect();
    await().atMost(WAIT).until(() -> !ivyRoster.getPresence(clients.jid("gina")).isAvailable());
    List<Message> atHankMessages = inbox(hank);
    hank.sendStanza(message(hank, ginaJid.toString(), "stored?"));
    ivy.sendStanza(message(ivy, ginaJid.toString(), "from ivy"));
    await().atMost(WAIT).until(() -> atHankMessages.size() == 1);
    assertThat(atHankMessages.get(0).getError().getCondition())
        .isEqualTo(StanzaError.Condition.service_unavailable);
    XMPPTCPConnection ginaAgain = clients.connection("gina", "desk", SubscribeAnswer.Approve, null);
    List<Message> atGina = inbox(ginaAgain);
    clients.login(ginaAgain);
    await().atMost(WAIT).until(() -> !atGina.isEmpty());
    assertThat(atGina).extracting(Message::getBody).containsExactly("from ivy");
  }

  private static Presence presence(XMPPTCPConnection from, String to, String status)
      throws Exception {
    var builder = from.getStanzaFactory().buildPresenceStanza().setStatus(status);
    if (to != null) {
      builder.to(JidCreate.from(to));
    }
    return builder.build();
  }

  /** The body of the message forwarded in a carbon copy's {@code sent} or {@code received}. */
  private static String copied(Message copy, String direction) {
    ExtensionElement wrapper = copy.getExtension(direction, CARBONS);
    assertThat(wrapper).as(copy.toXML().toString()).isInstanceOf(Copy.class);
    return ((Copy) wrapper).body();
  }

  /** A carbon copy as the test reads it: which one, and the forwarded message's body. */
  private record Copy(String direction, String body) implements ExtensionElement {
    @Override
    public String getNamespace() {
      return CARBONS;
    }

    @Override
    public String getElementName() {
      return direction;
    }

    @Override
    public CharSequence toXML(XmlEnvironment environment) {
      return "<" + direction + " xmlns='" + CARBONS + "'/>";
    }
  }

  private static final class CopyProvider extends ExtensionElementProvider<Copy> {
    @Override
    public Copy parse(XmlPullParser parser, int initialDepth, XmlEnvironment environment)
        throws XmlPullParserException, IOException {
      String direction = parser.getName();
      String body = null;
      while (true) {
        XmlPullParser.Event event = parser.next();
        if (event == XmlPullParser.Event.START_ELEMENT && parser.getName().equals("body")) {
          body = parser.nextText();
        } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
          return new Copy(direction, body);
        }
      }
    }
  }

  private static List<Message> inbox(XMPPTCPConnection connection) {
    List<Message> received = new CopyOnWriteArrayList<>();
    connection.addSyncStanzaListener(s -> received.add((Message) s), StanzaTypeFilter.MESSAGE);
    return received;
  }

  private static Message message(XMPPTCPConnection from, String to, String body) throws Exception {
    return from.getStanzaFactory()
        .buildMessageStanza()
        .to(JidCreate.from(to))
        .ofType(Message.Type.chat)
        .setBody(body)
        .build();
  }

  /**
   * XEP-0280 §4: {@code <enable/>} or {@code <disable/>} (Smack 4.4's carbons are experimental).
   */
  private static final class CarbonsIq extends IQ {
    CarbonsIq(String element) {
      super(element, CARBONS);
      setType(Type.set);
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(
        IQChildElementXmlStringBuilder xml) {
      xml.setEmptyElement();
      return xml;
    }
  }
}
