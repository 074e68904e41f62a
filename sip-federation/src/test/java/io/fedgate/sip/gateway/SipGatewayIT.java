package io.fedgate.sip.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.gate.InboundGate;
import io.fedgate.sip.interop.LyncPeer;
import io.fedgate.sip.jain.InboundRequest;
import io.fedgate.sip.jain.SipEndpoint;
import io.fedgate.sip.jain.SipEndpoint.Kind;
import io.fedgate.sip.jain.SipEndpointIT;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway between a simulated Lync Edge and the router ports, over real mutual TLS on
 * 127.0.0.78 (gateway) and 127.0.0.79 (Lync Edge of partner.example); other peers and dead hops on
 * 127.0.0.70-73.
 */
class SipGatewayIT {
  static final String GW_IP = "127.0.0.78";
  static final String LYNC_IP = "127.0.0.79";
  static final String GW_NAME = "gw.local.test";
  static final Duration WAIT = Duration.ofSeconds(5);
  static final java.util.Set<String> USERS =
      java.util.Set.of(
          "bob@local.test",
          "dave@local.test",
          "erin@local.test",
          "frank@local.test",
          "gina@local.test");

  static final BlockingQueue<XmlElement> delivered = new LinkedBlockingQueue<>();
  static final List<NextHops.Target> route = new CopyOnWriteArrayList<>();
  static final java.util.concurrent.atomic.AtomicBoolean imOn =
      new java.util.concurrent.atomic.AtomicBoolean(true);
  static final java.util.concurrent.atomic.AtomicReference<NextHopHealth.Settings> healthSettings =
      new java.util.concurrent.atomic.AtomicReference<>();
  static final java.util.concurrent.atomic.AtomicReference<Duration> idle =
      new java.util.concurrent.atomic.AtomicReference<>(SipGateway.DEFAULT_IDLE);
  static ExecutorService executor;
  static SipEndpoint endpoint;
  static SipGateway gateway;
  static LyncPeer lync;
  static InetSocketAddress gw;
  final List<String> failures = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    executor = Executors.newFixedThreadPool(2);
    gateway =
        new SipGateway(
            "local.test"::equals,
            domain -> List.copyOf(route),
            delivered::add,
            executor,
            new NextHopHealth(healthSettings::get, java.time.Clock.systemUTC()),
            imOn::get,
            Executors.newSingleThreadScheduledExecutor(),
            idle::get,
            jid -> USERS.contains(jid.toString()),
            java.time.Clock.systemUTC());
    endpoint =
        SipEndpoint.start(
            new SipEndpoint.Settings(
                "gw-" + UUID.randomUUID(),
                GW_NAME,
                65_536,
                65_536,
                Duration.ofSeconds(3),
                List.of(new SipEndpoint.ListenerSpec(Kind.PEER_AUTH_TLS, GW_IP, 0))),
            Optional.of(SipEndpointIT.tls(SipEndpointIT.gatewayIdentity(), List.of())),
            InboundGate.open(),
            gateway);
    gateway.bind(endpoint);
    gw = new InetSocketAddress(GW_IP, SipEndpointIT.port(endpoint, Kind.PEER_AUTH_TLS));
    lync =
        LyncPeer.start(
            new LyncPeer.Settings(
                "partner.example",
                "alice",
                new InetSocketAddress(LYNC_IP, 0),
                SipEndpointIT.tls(TestPki.shared().leaf(PeerVariant.GOOD), List.of()),
                Duration.ofSeconds(3)));
  }

  @BeforeEach
  void reset() throws InterruptedException {
    lync.grantSubscriptionsFor(Integer.MAX_VALUE);
    lync.answerNextSubscribeWith(0);
    imOn.set(true);
    healthSettings.set(new NextHopHealth.Settings(Duration.ofSeconds(30), 1, 1));
    gateway.health().retain(List.of());
    route.clear();
    route.add(new NextHops.Target(lync.address(), "TLS", "sip.partner.example"));
    delivered.clear();
    while (lync.next("ANY", Duration.ofMillis(50)).isPresent()) {
      // drain what an earlier test left
    }
  }

  @AfterAll
  static void stop() {
    lync.close();
    endpoint.close();
    executor.shutdownNow();
  }

  static XmlElement message(String type, String body) {
    return message("bob", type, body);
  }

  static XmlElement message(String localUser, String type, String body) {
    XmlElement m =
        XmlElement.of("jabber:client", "message")
            .withAttribute("from", localUser + "@local.test/laptop")
            .withAttribute("to", "alice@partner.example");
    if (type != null) {
      m = m.withAttribute("type", type);
    }
    return m.withChild(XmlElement.of("jabber:client", "body").withChild(body));
  }

  static String body(XmlElement stanza) {
    return stanza.child("jabber:client", "body").map(XmlElement::text).orElse("");
  }

  static String text(InboundRequest request) {
    byte[] raw = request.request().getRawContent();
    return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
  }

  @Test
  void aLyncPageMessageReachesTheLocalUser() throws Exception {
    var response = lync.message("sip:bob@local.test", "Hello, Bob!", gw, GW_NAME);

    assertThat(response.getStatusCode()).isEqualTo(200);
    XmlElement stanza = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(stanza).isNotNull();
    assertThat(stanza.attribute("from")).contains("alice@partner.example");
    assertThat(stanza.attribute("to")).contains("bob@local.test");
    assertThat(body(stanza)).isEqualTo("Hello, Bob!");
  }

  @Test
  void aLocalUsersNormalMessageGoesOutAsPageModeMessage() throws Exception {
    gateway.send(message(null, "Hi Alice"), failures::add);

    InboundRequest received = lync.next("MESSAGE", WAIT).orElseThrow();
    assertThat(text(received)).isEqualTo("Hi Alice");
    assertThat(received.request().getHeader("From").toString()).contains("sip:bob@local.test");
    assertThat(received.request().getRequestURI().toString())
        .isEqualTo("sip:alice@partner.example");
    assertThat(failures).isEmpty();
  }

  @Test
  void aLyncSessionCarriesTheEmbeddedMessageFollowUpsTypingAndEndsWithGone() throws Exception {
    LyncPeer.Session session =
        lync.invite("sip:bob@local.test", "Hello, Alice here!", gw, GW_NAME).orElseThrow();

    XmlElement first = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(body(first)).isEqualTo("Hello, Alice here!");
    assertThat(first.attribute("type")).contains("chat");

    assertThat(lync.say(session, "How are you?", gw, GW_NAME).getStatusCode()).isEqualTo(200);
    XmlElement second = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(body(second)).isEqualTo("How are you?");

    assertThat(lync.typing(session, gw, GW_NAME).getStatusCode()).isEqualTo(200);
    XmlElement typing = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(typing.child("http://jabber.org/protocol/chatstates", "composing")).isPresent();

    // bob answers inside Lync's dialog
    gateway.send(message("chat", "Fine, thanks"), failures::add);
    InboundRequest reply = lync.next("MESSAGE", WAIT).orElseThrow();
    assertThat(text(reply)).isEqualTo("Fine, thanks");
    assertThat(reply.request().getHeader("Call-ID").toString()).contains(session.callId());

    assertThat(lync.bye(session, gw, GW_NAME).getStatusCode()).isEqualTo(200);
    XmlElement gone = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(gone.child("http://jabber.org/protocol/chatstates", "gone")).isPresent();
    // the dialog is gone: a further request in it is refused
    assertThat(lync.say(session, "still there?", gw, GW_NAME).getStatusCode()).isEqualTo(481);
  }

  @Test
  void aLocalChatOpensALyncSessionWithTheFirstMessageEmbedded() throws Exception {
    gateway.send(message("chat", "Are you there?"), failures::add);

    InboundRequest invite = lync.next("INVITE", WAIT).orElseThrow();
    String embedded = invite.request().getHeader("ms-text-format").toString();
    String base64 = embedded.substring(embedded.indexOf("ms-body=") + 8).trim();
    assertThat(new String(java.util.Base64.getDecoder().decode(base64), StandardCharsets.UTF_8))
        .isEqualTo("Are you there?");
    assertThat(text(invite)).contains("m=message");
    assertThat(lync.next("ACK", WAIT)).isPresent();

    gateway.send(message("chat", "Second line"), failures::add);
    InboundRequest second = lync.next("MESSAGE", WAIT).orElseThrow();
    assertThat(text(second)).isEqualTo("Second line");
    assertThat(second.request().getHeader("Call-ID").toString())
        .isEqualTo(invite.request().getHeader("Call-ID").toString());
    assertThat(failures).isEmpty();
  }

  @Test
  void whenTheFirstNextHopIsDownTheNextCandidateDelivers() throws Exception {
    int closedPort;
    try (ServerSocket probe =
        new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.72"))) {
      closedPort = probe.getLocalPort();
    }
    route.add(
        0,
        new NextHops.Target(
            new InetSocketAddress("127.0.0.72", closedPort), "TLS", "sip.partner.example"));

    gateway.send(message(null, "via the backup"), failures::add);

    InboundRequest received = lync.next("MESSAGE", Duration.ofSeconds(10)).orElseThrow();
    assertThat(text(received)).isEqualTo("via the backup");
    assertThat(failures).isEmpty();
  }

  @Test
  void optionsPingsMarkADeadHopDownAndRouteSelectionSkipsIt() throws Exception {
    int closedPort;
    try (ServerSocket probe =
        new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.71"))) {
      closedPort = probe.getLocalPort();
    }
    NextHops.Target dead =
        new NextHops.Target(
            new InetSocketAddress("127.0.0.71", closedPort), "TLS", "sip.partner.example");
    route.add(0, dead);
    NextHopProber prober =
        new NextHopProber(
            endpoint,
            domain -> List.copyOf(route),
            () -> List.of("partner.example"),
            gateway.health(),
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor());

    prober.pingAll().get(15, TimeUnit.SECONDS);

    // (the Lync endpoint answers OPTIONS itself: its hop is up because it answered)
    assertThat(gateway.health().status(dead.key()).orElseThrow().state())
        .isEqualTo(NextHopHealth.State.DOWN);
    assertThat(gateway.health().status(route.get(1).key()).orElseThrow().state())
        .isEqualTo(NextHopHealth.State.UP);

    gateway.send(message(null, "around the dead hop"), failures::add);

    assertThat(text(lync.next("MESSAGE", WAIT).orElseThrow())).isEqualTo("around the dead hop");
    // the dead hop was not tried first: still the single failure of the ping
    assertThat(gateway.health().status(dead.key()).orElseThrow().failuresInARow()).isEqualTo(1);
    assertThat(failures).isEmpty();
    prober.close();
  }

  @Test
  void withImGatewayStatusOffSipImIsRefusedBothWaysButPresenceStillFlows() throws Exception {
    imOn.set(false);

    var response = lync.message("sip:bob@local.test", "anyone?", gw, GW_NAME);
    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.getHeader("ms-diagnostics").toString())
        .contains("fedgate-code=\"im-gateway.off\"");
    assertThat(lync.invite("sip:bob@local.test", "session?", gw, GW_NAME)).isEmpty();
    assertThat(delivered.poll(300, TimeUnit.MILLISECONDS)).isNull();

    gateway.send(message("chat", "out?"), failures::add);
    await().atMost(WAIT).until(() -> !failures.isEmpty());
    assertThat(failures).containsExactly("service-unavailable");
    assertThat(lync.next("INVITE", Duration.ofMillis(300))).isEmpty();

    lync.notifyPresence("sip:bob@local.test", "open", "still here", false, gw, GW_NAME);
    XmlElement presence = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(presence.name()).isEqualTo("presence");

    imOn.set(true);
    assertThat(lync.message("sip:bob@local.test", "back", gw, GW_NAME).getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void anIdleSessionIsClosedWithByeAndTheNextMessageOpensANewOne() throws Exception {
    idle.set(Duration.ofSeconds(1)); // read when dave's conversation starts
    try {
      gateway.send(message("dave", "chat", "first"), failures::add);
      InboundRequest first = lync.next("INVITE", WAIT).orElseThrow();
      assertThat(lync.next("ACK", WAIT)).isPresent();

      InboundRequest bye = lync.next("BYE", WAIT).orElseThrow();
      assertThat(bye.request().getHeader("Call-ID").toString())
          .isEqualTo(first.request().getHeader("Call-ID").toString());
      assertThat(bye.request().getHeader("From").toString()).contains("sip:dave@local.test");
      await()
          .atMost(WAIT)
          .until(() -> !gateway.hasConversation("dave@local.test", "alice@partner.example"));

      gateway.send(message("dave", "chat", "again"), failures::add);
      InboundRequest second = lync.next("INVITE", WAIT).orElseThrow();
      assertThat(second.request().getHeader("Call-ID").toString())
          .isNotEqualTo(first.request().getHeader("Call-ID").toString());
      assertThat(failures).isEmpty();
    } finally {
      idle.set(SipGateway.DEFAULT_IDLE);
    }
  }

  @Test
  void messagesQueuedWhileTheInviteIsPendingAreAllBouncedWhenItFails() throws Exception {
    java.util.concurrent.atomic.AtomicInteger connections =
        new java.util.concurrent.atomic.AtomicInteger();
    List<java.net.Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent =
        new ServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.73"))) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // accepts, never speaks TLS
                    connections.incrementAndGet();
                  }
                } catch (java.io.IOException closed) {
                  // test over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      route.clear();
      route.add(
          new NextHops.Target(
              new InetSocketAddress("127.0.0.73", silent.getLocalPort()),
              "TLS",
              "sip.partner.example"));

      gateway.send(message("erin", "chat", "one"), failures::add);
      gateway.send(message("erin", "chat", "two"), failures::add);
      gateway.send(message("erin", "chat", "three"), failures::add);

      await().atMost(Duration.ofSeconds(15)).until(() -> failures.size() == 3);
      assertThat(failures).containsOnly("remote-server-timeout");
      assertThat(connections.get()).as("one INVITE for the three messages").isEqualTo(1);
    } finally {
      for (java.net.Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void withEveryNextHopDownTheSenderGetsAnError() {
    route.clear();
    route.add(
        new NextHops.Target(new InetSocketAddress("127.0.0.72", 9), "TLS", "sip.partner.example"));

    gateway.send(message(null, "nobody home"), failures::add);

    await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
    assertThat(failures).containsExactly("remote-server-timeout");
  }

  @Test
  void aMessageForADomainThatIsNotLocalIsNeverRelayed() throws Exception {
    var response = lync.message("sip:carol@elsewhere.example", "relay me", gw, GW_NAME);

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(delivered.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  static XmlElement presence(String from, String to, String type) {
    XmlElement p =
        XmlElement.of("jabber:client", "presence")
            .withAttribute("from", from)
            .withAttribute("to", to);
    return type == null ? p : p.withAttribute("type", type);
  }

  static String header(InboundRequest request, String name) {
    var h = request.request().getHeader(name);
    return h == null ? "" : h.toString();
  }

  @Test
  void aLyncSubscriptionIsPendingUntilTheLocalUserApprovesThenCarriesPresence() throws Exception {
    var response = lync.subscribe("sip:bob@local.test", 3600, gw, GW_NAME);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeader("Supported")).isNull();
    XmlElement request = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(request.name()).isEqualTo("presence");
    assertThat(request.attribute("type")).contains("subscribe");
    assertThat(request.attribute("from")).contains("alice@partner.example");
    InboundRequest pending = lync.next("NOTIFY", WAIT).orElseThrow();
    assertThat(header(pending, "Subscription-State")).contains("pending");

    gateway.send(presence("bob@local.test", "alice@partner.example", "subscribed"), failures::add);
    InboundRequest active = lync.next("NOTIFY", WAIT).orElseThrow();
    assertThat(header(active, "Subscription-State")).contains("active");

    gateway.send(
        presence("bob@local.test/laptop", "alice@partner.example", null)
            .withChild(XmlElement.of("jabber:client", "show").withChild("away"))
            .withChild(XmlElement.of("jabber:client", "status").withChild("Out to lunch")),
        failures::add);
    InboundRequest pidf = lync.next("NOTIFY", WAIT).orElseThrow();
    assertThat(header(pidf, "Content-Type")).contains("application/pidf+xml");
    assertThat(text(pidf)).contains("<basic>open</basic>", "away", "Out to lunch");
    assertThat(failures).isEmpty();
  }

  @Test
  void lyncPresenceArrivesByNotifyAndByBenotifyWhichIsNeverAnswered() throws Exception {
    var answered =
        lync.notifyPresence("sip:bob@local.test", "open", "In a meeting", false, gw, GW_NAME);
    assertThat(answered.orElseThrow().getStatusCode()).isEqualTo(200);
    XmlElement available = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(available.name()).isEqualTo("presence");
    assertThat(available.attribute("type")).isEmpty();
    assertThat(available.attribute("from").orElse("")).startsWith("alice@partner.example");

    lync.notifyPresence("sip:bob@local.test", "closed", "gone home", true, gw, GW_NAME);
    XmlElement unavailable = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(unavailable.attribute("type")).contains("unavailable");
  }

  @Test
  void aBenotifyOnAFreshConnectionReachesTheLocalUserAndIsNeverAnswered() throws Exception {
    try (LyncPeer fresh =
        LyncPeer.start(
            new LyncPeer.Settings(
                "partner.example",
                "carol",
                new InetSocketAddress("127.0.0.70", 0),
                SipEndpointIT.tls(TestPki.shared().leaf(PeerVariant.GOOD), List.of()),
                Duration.ofSeconds(3)))) {
      fresh.notifyPresence("sip:bob@local.test", "open", "just arrived", true, gw, GW_NAME);

      XmlElement available = delivered.poll(5, TimeUnit.SECONDS);
      assertThat(available).as("presence from the BENOTIFY").isNotNull();
      assertThat(available.attribute("from").orElse("")).startsWith("carol@partner.example");
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(() -> fresh.strayResponses() == 0);
    }
  }

  @Test
  void aPendingNotifyIsAnsweredButGivesTheLocalUserNothing() throws Exception {
    var answered =
        lync.notifyPresence(
            "sip:bob@local.test", "pending;expires=3600", "closed", "", false, gw, GW_NAME);
    assertThat(answered.orElseThrow().getStatusCode()).isEqualTo(200);
    lync.notifyPresence(
        "sip:bob@local.test", "pending;expires=3600", "closed", "", true, gw, GW_NAME);
    lync.notifyPresence("sip:bob@local.test", "open", "now active", false, gw, GW_NAME);

    XmlElement first = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(first.attribute("type")).as("no unavailable for the pending ones").isEmpty();
    assertThat(first.child("jabber:client", "status").map(XmlElement::text)).contains("now active");
  }

  @Test
  void aLocalSubscriptionRequestGoesOutAsSubscribe() throws Exception {
    gateway.send(presence("bob@local.test", "alice@partner.example", "subscribe"), failures::add);

    InboundRequest subscribe = lync.next("SUBSCRIBE", WAIT).orElseThrow();
    assertThat(header(subscribe, "Event")).contains("presence");
    assertThat(header(subscribe, "Expires")).contains("3600");
    assertThat(header(subscribe, "From")).contains("sip:bob@local.test");
  }

  static long cseq(InboundRequest request) {
    return ((javax.sip.header.CSeqHeader) request.request().getHeader("CSeq")).getSeqNumber();
  }

  static String callId(InboundRequest request) {
    return ((javax.sip.header.CallIdHeader) request.request().getHeader("Call-ID")).getCallId();
  }

  static String toTag(InboundRequest request) {
    String tag = ((javax.sip.header.ToHeader) request.request().getHeader("To")).getTag();
    return tag == null ? "" : tag;
  }

  /** Bob subscribes to Alice; the Edge answers (granting {@code expires}) and sends active. */
  InboundRequest bobSubscribedToAlice(int expires) throws Exception {
    lync.grantSubscriptionsFor(expires);
    gateway.send(presence("bob@local.test", "alice@partner.example", "subscribe"), failures::add);
    InboundRequest subscribe = lync.next("SUBSCRIBE", WAIT).orElseThrow();
    assertThat(toTag(subscribe)).as("a new dialog").isEmpty();

    var pending =
        lync.notifySubscriber(subscribe, "pending;expires=" + expires, null, null, gw, GW_NAME);
    assertThat(pending.getStatusCode()).isEqualTo(200);
    var active =
        lync.notifySubscriber(
            subscribe, "active;expires=" + expires, "open", "At my desk", gw, GW_NAME);
    assertThat(active.getStatusCode()).isEqualTo(200);
    XmlElement subscribed = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(subscribed.attribute("type"))
        .as("pending gave nothing; the first active NOTIFY gives subscribed")
        .contains("subscribed");
    assertThat(subscribed.attribute("from")).contains("alice@partner.example");
    XmlElement available = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(available.attribute("type")).isEmpty();
    assertThat(available.child("jabber:client", "status").map(XmlElement::text))
        .contains("At my desk");
    return subscribe;
  }

  @Test
  void theGatewayRefreshesItsSubscriptionBeforeExpiryAndOnTheWatchersInitialPresence()
      throws Exception {
    InboundRequest subscribe = bobSubscribedToAlice(2);

    // granted 2 s: the gateway re-SUBSCRIBEs in the dialog half-way, without anyone asking
    InboundRequest refresh = lync.next("SUBSCRIBE", WAIT).orElseThrow();
    assertThat(callId(refresh)).isEqualTo(callId(subscribe));
    assertThat(toTag(refresh)).as("in the dialog").isNotEmpty();
    assertThat(cseq(refresh)).isGreaterThan(cseq(subscribe));
    assertThat(header(refresh, "Expires")).contains("3600");
    lync.grantSubscriptionsFor(3600);
    InboundRequest again = lync.next("SUBSCRIBE", WAIT).orElseThrow(); // the 2 s granted again
    assertThat(callId(again)).isEqualTo(callId(subscribe));

    // Bob's initial presence (the router's probe) refreshes at once, in the same dialog
    gateway.send(presence("bob@local.test", "alice@partner.example", "probe"), failures::add);
    InboundRequest onProbe = lync.next("SUBSCRIBE", WAIT).orElseThrow();
    assertThat(callId(onProbe)).isEqualTo(callId(subscribe));
    assertThat(delivered).as("refreshes give Bob nothing new").isEmpty();

    gateway.send(presence("bob@local.test", "alice@partner.example", "unsubscribe"), failures::add);
    // (on a slow machine a refresh may still be on its way: skip to the Expires: 0)
    InboundRequest cancel = lync.next("SUBSCRIBE", WAIT).orElseThrow();
    while (!header(cancel, "Expires").contains(": 0")) {
      cancel = lync.next("SUBSCRIBE", WAIT).orElseThrow();
    }
    assertThat(callId(cancel)).isEqualTo(callId(subscribe));
    XmlElement unsubscribed = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(unsubscribed.attribute("type")).contains("unsubscribed");
    assertThat(failures).isEmpty();
  }

  @Test
  void theWatchersInitialPresenceReopensASubscriptionTheGatewayDoesNotHave() throws Exception {
    // e.g. after a restart: the router's probe for an authorised contact subscribes again
    gateway.send(presence("hank@local.test", "alice@partner.example", "probe"), failures::add);

    InboundRequest subscribe = lync.next("SUBSCRIBE", WAIT).orElseThrow();
    assertThat(header(subscribe, "From")).contains("sip:hank@local.test");
    assertThat(header(subscribe, "Expires")).contains("3600");
    assertThat(toTag(subscribe)).as("a new dialog").isEmpty();
    lync.notifySubscriber(subscribe, "active;expires=3600", "open", "live again", gw, GW_NAME);
    assertThat(delivered.poll(5, TimeUnit.SECONDS).attribute("type")).contains("subscribed");
    assertThat(
            delivered
                .poll(5, TimeUnit.SECONDS)
                .child("jabber:client", "status")
                .map(XmlElement::text))
        .contains("live again");
  }

  @Test
  void aRefreshAnswered481StartsANewSubscriptionDialog() throws Exception {
    InboundRequest subscribe = bobSubscribedToAlice(3600);

    lync.answerNextSubscribeWith(481);
    gateway.send(presence("bob@local.test", "alice@partner.example", "probe"), failures::add);
    InboundRequest refused = lync.next("SUBSCRIBE", WAIT).orElseThrow();
    assertThat(callId(refused)).isEqualTo(callId(subscribe));

    InboundRequest fresh = lync.next("SUBSCRIBE", WAIT).orElseThrow();
    assertThat(callId(fresh)).as("a new dialog").isNotEqualTo(callId(subscribe));
    assertThat(toTag(fresh)).isEmpty();
    lync.notifySubscriber(fresh, "active;expires=3600", "open", "still here", gw, GW_NAME);
    XmlElement available = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(available.attribute("type"))
        .as("the authorisation was kept: presence, no second subscribed")
        .isEmpty();
    assertThat(available.child("jabber:client", "status").map(XmlElement::text))
        .contains("still here");
  }

  @Test
  void aLyncWatcherWhoDoesNotRefreshIsExpiredWithATerminatedNotify() throws Exception {
    int before = gateway.subscriptionCount();
    var response = lync.subscribe("sip:frank@local.test", 1, gw, GW_NAME);
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(delivered.poll(5, TimeUnit.SECONDS).attribute("type")).contains("subscribe");
    InboundRequest pending = lync.next("NOTIFY", WAIT).orElseThrow();
    assertThat(header(pending, "Subscription-State")).contains("pending");

    InboundRequest terminated = lync.next("NOTIFY", WAIT).orElseThrow();
    assertThat(header(terminated, "Subscription-State")).contains("terminated", "timeout");
    assertThat(callId(terminated)).isEqualTo(callId(pending));
    assertThat(cseq(terminated)).isGreaterThan(cseq(pending));
    XmlElement gone = delivered.poll(5, TimeUnit.SECONDS);
    assertThat(gone.attribute("type")).contains("unavailable");
    assertThat(gone.attribute("from")).contains("alice@partner.example");
    await().atMost(WAIT).until(() -> gateway.subscriptionCount() == before);

    // the expired subscription is gone: the local user's answer goes nowhere
    gateway.send(
        presence("frank@local.test", "alice@partner.example", "subscribed"), failures::add);
    assertThat(lync.next("NOTIFY", Duration.ofMillis(500))).isEmpty();
  }

  @Test
  void notifiesOfADialogGoOutOneAtATimeInOrderEndingWithTheLatestState() throws Exception {
    lync.subscribe("sip:gina@local.test", 3600, gw, GW_NAME);
    delivered.poll(5, TimeUnit.SECONDS);
    InboundRequest pending = lync.next("NOTIFY", WAIT).orElseThrow();
    gateway.send(presence("gina@local.test", "alice@partner.example", "subscribed"), failures::add);
    for (int i = 1; i <= 8; i++) {
      gateway.send(
          presence("gina@local.test/laptop", "alice@partner.example", null)
              .withChild(XmlElement.of("jabber:client", "status").withChild("state " + i)),
          failures::add);
    }

    long last = 0;
    String lastText = "";
    Optional<InboundRequest> next;
    while ((next = lync.next("NOTIFY", Duration.ofSeconds(2))).isPresent()) {
      if (!callId(next.get()).equals(callId(pending))) {
        continue; // another test's dialog
      }
      assertThat(cseq(next.get())).as("sent in CSeq order").isGreaterThan(last);
      last = cseq(next.get());
      lastText = text(next.get());
    }
    assertThat(lastText).as("the latest state arrives last").contains("state 8");
  }

  @Test
  void requestsForALocalAddressThatIsNoUserGet404() throws Exception {
    var message = lync.message("sip:nobody@local.test", "hello?", gw, GW_NAME);
    assertThat(message.getStatusCode()).isEqualTo(404);
    assertThat(message.getHeader("ms-diagnostics").toString()).contains("user.unknown");

    var subscribe = lync.subscribe("sip:nobody@local.test", 3600, gw, GW_NAME);
    assertThat(subscribe.getStatusCode()).isEqualTo(404);

    assertThat(lync.invite("sip:nobody@local.test", "anyone?", gw, GW_NAME)).isEmpty();
    assertThat(delivered.poll(300, TimeUnit.MILLISECONDS)).as("nothing for XMPP").isNull();
  }
}
