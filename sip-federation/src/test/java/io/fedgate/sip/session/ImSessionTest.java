package io.fedgate.sip.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.session.ImSessionAction.Bounce;
import io.fedgate.sip.session.ImSessionAction.Deliver;
import io.fedgate.sip.session.ImSessionAction.Respond;
import io.fedgate.sip.session.ImSessionAction.SendInDialog;
import io.fedgate.sip.session.ImSessionAction.SendInvite;
import io.fedgate.sip.session.ImSessionAction.StartTimer;
import io.fedgate.sip.session.ImSessionAction.Timer;
import io.fedgate.sip.translate.SessionOffer;
import io.fedgate.sip.translate.StanzaCondition;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Lync IM session (PROTOCOL.md §6.6) with a fake clock. */
class ImSessionTest {
  private static final String CID = "6f0e2d4c8a1b4e3f9c7d5b2a1e0f3c6d";
  private final MutableClock clock = new MutableClock();
  private final ImSession session =
      new ImSession(
          Jid.parse("bob@local.test").orElseThrow(),
          Jid.parse("alice@example.com").orElseThrow(),
          ImSession.Config.defaults(new SessionOffer("198.51.100.20", 5061)),
          clock);

  private static XmlElement chat(String body) {
    return Sip.xml(
        "<message xmlns='jabber:client' from='bob@local.test/laptop' to='alice@example.com'"
            + " type='chat'><body>"
            + body
            + "</body><thread>"
            + CID
            + "</thread></message>");
  }

  private static XmlElement state(String chatState) {
    return Sip.xml(
        "<message xmlns='jabber:client' from='bob@local.test/laptop' to='alice@example.com'"
            + " type='chat'><"
            + chatState
            + " xmlns='http://jabber.org/protocol/chatstates'/>"
            + "<thread>"
            + CID
            + "</thread></message>");
  }

  private static SipMessage ok(String... extra) {
    return Sip.parse(
        "SIP/2.0 200 OK\nVia: SIP/2.0/TLS gw.local.test;branch=z9hG4bK1\n"
            + "From: <sip:bob@local.test>;tag=gw9001\nTo: <sip:alice@example.com>;tag=a7\n"
            + "Call-ID: "
            + CID
            + "\nCSeq: 1 INVITE\n"
            + String.join("", extra)
            + "Content-Length: 0\n\n");
  }

  private static SipMessage fromLync(String method, String contentType, String body) {
    return Sip.parse(
        method
            + " sip:gw.local.test:5061;transport=tls SIP/2.0\n"
            + "Via: SIP/2.0/TLS 203.0.113.10:5061;branch=z9hG4bK9A\n"
            + "From: <sip:alice@example.com>;tag=a7;epid=4b2de9f017\n"
            + "To: <sip:bob@local.test>;tag=gw9001\nCall-ID: "
            + CID
            + "\nCSeq: 2 "
            + method
            + "\n"
            + (contentType == null ? "" : "Content-Type: " + contentType + "\n")
            + "\n"
            + body);
  }

  private ImSessionTransition established() {
    ImSessionTransition t =
        session.next(ImSession.initial(), new ImSessionEvent.FromXmpp(chat("Hi")));
    return session.next(
        t.state(), new ImSessionEvent.InviteResponse(ok("Supported: ms-text-format\n")));
  }

  @Test
  void theFirstMessageOpensAnInviteWithItEmbeddedAndLaterOnesWaitForTheDialog() {
    ImSessionTransition inviting =
        session.next(ImSession.initial(), new ImSessionEvent.FromXmpp(chat("Hello, Alice!")));
    assertThat(inviting.state()).isInstanceOf(ImSessionState.Inviting.class);
    SipMessage invite = ((SendInvite) inviting.actions().get(0)).invite();
    assertThat(invite.method()).isEqualTo("INVITE");
    assertThat(invite.header("ms-text-format"))
        .contains(
            "text/plain; charset=UTF-8; ms-body="
                + Base64.getEncoder().encodeToString("Hello, Alice!".getBytes()));
    assertThat(Sip.body(invite)).contains("m=message 5061 sip null");

    ImSessionTransition queued =
        session.next(inviting.state(), new ImSessionEvent.FromXmpp(chat("Are you there?")));
    assertThat(queued.actions()).isEmpty();

    ImSessionTransition confirmed =
        session.next(
            queued.state(), new ImSessionEvent.InviteResponse(ok("Supported: ms-text-format\n")));
    assertThat(confirmed.state()).isInstanceOf(ImSessionState.Established.class);
    assertThat(confirmed.actions()).hasSize(2);
    assertThat(confirmed.actions().get(0))
        .isEqualTo(new StartTimer(Timer.IDLE, Duration.ofMinutes(10)));
    SendInDialog sent = (SendInDialog) confirmed.actions().get(1);
    assertThat(sent.request().method()).isEqualTo("MESSAGE");
    assertThat(Sip.body(sent.request())).isEqualTo("Are you there?");
  }

  @Test
  void anEmbeddedMessageTheCalleeDidNotConsumeIsResentAsMessage() {
    ImSessionTransition inviting =
        session.next(ImSession.initial(), new ImSessionEvent.FromXmpp(chat("Hello")));
    ImSessionTransition confirmed =
        session.next(inviting.state(), new ImSessionEvent.InviteResponse(ok()));
    List<String> bodies =
        confirmed.actions().stream()
            .filter(SendInDialog.class::isInstance)
            .map(a -> Sip.body(((SendInDialog) a).request()))
            .toList();
    assertThat(bodies).containsExactly("Hello");
  }

  @Test
  void aFailedInviteBouncesTheFirstAndTheQueuedMessagesWithTheMappedError() {
    ImSessionTransition inviting =
        session.next(ImSession.initial(), new ImSessionEvent.FromXmpp(chat("one")));
    ImSessionTransition queued =
        session.next(inviting.state(), new ImSessionEvent.FromXmpp(chat("two")));
    SipMessage busy =
        Sip.parse(
            "SIP/2.0 486 Busy Here\nVia: SIP/2.0/TLS gw.local.test;branch=z9hG4bK1\n"
                + "From: <sip:bob@local.test>;tag=g\nTo: <sip:alice@example.com>;tag=a\n"
                + "Call-ID: x\nCSeq: 1 INVITE\nContent-Length: 0\n\n");

    ImSessionTransition failed =
        session.next(queued.state(), new ImSessionEvent.InviteResponse(busy));

    assertThat(failed.state()).isInstanceOf(ImSessionState.Idle.class);
    assertThat(failed.actions())
        .hasSize(2)
        .allSatisfy(
            a -> {
              assertThat(a).isInstanceOf(Bounce.class);
              assertThat(((Bounce) a).error().condition())
                  .isEqualTo(StanzaCondition.RECIPIENT_UNAVAILABLE);
              assertThat(((Bounce) a).error().text()).contains("Busy Here");
            });
  }

  @Test
  void aByeFromLyncIsGoneForXmppAndTheNextMessageReinvites() {
    ImSessionTransition bye =
        session.next(
            established().state(), new ImSessionEvent.RemoteRequest(fromLync("BYE", null, "")));

    assertThat(bye.state()).isInstanceOf(ImSessionState.Idle.class);
    assertThat(((Respond) bye.actions().get(0)).response().status()).isEqualTo(200);
    XmlElement gone = ((Deliver) bye.actions().get(1)).stanza();
    assertThat(gone.toXml())
        .contains("<gone xmlns='http://jabber.org/protocol/chatstates'/>")
        .contains("from='alice@example.com'")
        .contains("to='bob@local.test'");

    ImSessionTransition again =
        session.next(bye.state(), new ImSessionEvent.FromXmpp(chat("back")));
    assertThat(again.actions()).singleElement().isInstanceOf(SendInvite.class);
  }

  @Test
  void anIdleDialogIsClosedWithByeAfterTheIdleTimeout() {
    ImSessionState state = established().state();
    clock.advance(Duration.ofMinutes(4));
    state = session.next(state, new ImSessionEvent.FromXmpp(chat("still here"))).state();
    clock.advance(Duration.ofMinutes(6));

    ImSessionTransition early = session.next(state, new ImSessionEvent.TimerFired(Timer.IDLE));
    assertThat(early.actions()).containsExactly(new StartTimer(Timer.IDLE, Duration.ofMinutes(4)));

    clock.advance(Duration.ofMinutes(4));
    ImSessionTransition idle =
        session.next(early.state(), new ImSessionEvent.TimerFired(Timer.IDLE));
    assertThat(idle.state()).isInstanceOf(ImSessionState.Closing.class);
    assertThat(((SendInDialog) idle.actions().get(0)).request().method()).isEqualTo("BYE");
    assertThat(session.next(idle.state(), new ImSessionEvent.ByeDone()).state())
        .isInstanceOf(ImSessionState.Idle.class);
  }

  @Test
  void lyncTypingIsComposingThenPausedAfterFiveSilentSeconds() {
    String keyboard =
        "<?xml version=\"1.0\"?><KeyboardActivity><status status=\"type\" /></KeyboardActivity>";
    ImSessionTransition typing =
        session.next(
            established().state(),
            new ImSessionEvent.RemoteRequest(fromLync("INFO", "application/xml", keyboard)));
    assertThat(((Respond) typing.actions().get(0)).response().status()).isEqualTo(200);
    assertThat(((Deliver) typing.actions().get(1)).stanza().toXml()).contains("<composing");
    assertThat(typing.actions().get(2))
        .isEqualTo(new StartTimer(Timer.TYPING, Duration.ofSeconds(5)));

    clock.advance(Duration.ofSeconds(3));
    ImSessionTransition again =
        session.next(
            typing.state(),
            new ImSessionEvent.RemoteRequest(fromLync("INFO", "application/xml", keyboard)));
    clock.advance(Duration.ofSeconds(2));
    ImSessionTransition notYet =
        session.next(again.state(), new ImSessionEvent.TimerFired(Timer.TYPING));
    assertThat(notYet.actions())
        .containsExactly(new StartTimer(Timer.TYPING, Duration.ofSeconds(3)));

    clock.advance(Duration.ofSeconds(3));
    ImSessionTransition paused =
        session.next(notYet.state(), new ImSessionEvent.TimerFired(Timer.TYPING));
    assertThat(((Deliver) paused.actions().get(0)).stanza().toXml())
        .contains("<paused xmlns='http://jabber.org/protocol/chatstates'/>")
        .contains("<thread>" + CID + "</thread>");
    assertThat(session.next(paused.state(), new ImSessionEvent.TimerFired(Timer.TYPING)).actions())
        .isEmpty();
  }

  @Test
  void aSessionOpenedByLyncIsAnsweredWithItsUriAndTheEmbeddedMessageDelivered() {
    String b64 = Base64.getEncoder().encodeToString("Hi Bob".getBytes());
    SipMessage invite =
        Sip.parse(
            "INVITE sip:bob@local.test SIP/2.0\nVia: SIP/2.0/TLS 203.0.113.10:5061;branch=z9hG4bKi\n"
                + "From: <sip:alice@example.com>;tag=a7\nTo: <sip:bob@local.test>\nCall-ID: inv-9\n"
                + "CSeq: 1 INVITE\nSupported: ms-embedded-first-message\n"
                + "ms-text-format: text/plain; charset=UTF-8; ms-body="
                + b64
                + "\n"
                + "Content-Type: application/sdp\n\nv=0\no=- 0 0 IN IP4 203.0.113.10\ns=session\n"
                + "c=IN IP4 203.0.113.10\nt=0 0\nm=message 5060 sip null\n");

    ImSessionTransition t =
        session.next(ImSession.initial(), new ImSessionEvent.RemoteInvite(invite));

    assertThat(t.state()).isInstanceOf(ImSessionState.Established.class);
    SipMessage answer = ((Respond) t.actions().get(0)).response();
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.hasToken("supported", "ms-text-format")).isTrue();
    assertThat(Sip.body(answer)).contains("m=message 5061 sip sip:bob@local.test");
    assertThat(((Deliver) t.actions().get(1)).stanza().toXml()).contains("<body>Hi Bob</body>");
  }

  @Test
  void aLostDialogReinvitesWithTheMessageThatFailed() {
    ImSessionTransition est = established();
    XmlElement message = chat("are you there?");
    SipMessage gone =
        Sip.parse(
            "SIP/2.0 481 Call/Transaction Does Not Exist\nVia: SIP/2.0/TLS gw;branch=z9hG4bK1\n"
                + "From: <sip:bob@local.test>;tag=g\nTo: <sip:alice@example.com>;tag=a\n"
                + "Call-ID: "
                + CID
                + "\nCSeq: 3 MESSAGE\nContent-Length: 0\n\n");

    ImSessionTransition t =
        session.next(est.state(), new ImSessionEvent.RequestFailed(message, gone));

    assertThat(t.state()).isInstanceOf(ImSessionState.Inviting.class);
    assertThat(((SendInvite) t.actions().get(0)).invite().header("ms-text-format")).isPresent();
  }

  @Test
  void goneFromXmppSendsByeAndTypingAloneOpensNoDialog() {
    ImSessionTransition bye =
        session.next(established().state(), new ImSessionEvent.FromXmpp(state("gone")));
    assertThat(bye.state()).isInstanceOf(ImSessionState.Closing.class);
    assertThat(((SendInDialog) bye.actions().get(0)).request().method()).isEqualTo("BYE");

    assertThat(
            session
                .next(ImSession.initial(), new ImSessionEvent.FromXmpp(state("composing")))
                .actions())
        .isEmpty();
  }

  @Test
  void composingBecomesKeyboardActivityInfo() {
    ImSessionTransition t =
        session.next(established().state(), new ImSessionEvent.FromXmpp(state("composing")));
    SipMessage info = ((SendInDialog) t.actions().get(0)).request();
    assertThat(info.method()).isEqualTo("INFO");
    assertThat(Sip.body(info))
        .contains("<KeyboardActivity><status status=\"type\" /></KeyboardActivity>");
  }

  @Test
  void requestsOutsideADialogAre481() {
    ImSessionTransition t =
        session.next(
            ImSession.initial(),
            new ImSessionEvent.RemoteRequest(fromLync("MESSAGE", "text/plain", "hi")));
    assertThat(((Respond) t.actions().get(0)).response().status()).isEqualTo(481);
  }

  @Test
  void anUnsupportedBodyIsRefusedWith415AndAccept() {
    ImSessionTransition t =
        session.next(
            established().state(),
            new ImSessionEvent.RemoteRequest(fromLync("MESSAGE", "image/gif", "GIF89a")));
    SipMessage answer = ((Respond) t.actions().get(0)).response();
    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.header("accept"))
        .hasValueSatisfying(a -> assertThat(a).contains("text/plain"));
    assertThat(t.actions()).hasSize(1);
  }

  @Test
  void theQueueIsBoundedAndOverflowIsBouncedWithResourceConstraint() {
    ImSession small =
        new ImSession(
            Jid.parse("bob@local.test").orElseThrow(),
            Jid.parse("alice@example.com").orElseThrow(),
            new ImSession.Config(
                Duration.ofMinutes(10),
                Duration.ofSeconds(5),
                new SessionOffer("198.51.100.20", 5061),
                io.fedgate.sip.translate.TypingDialect.LYNC_INFO,
                1),
            clock);
    ImSessionState s =
        small.next(ImSession.initial(), new ImSessionEvent.FromXmpp(chat("1"))).state();
    s = small.next(s, new ImSessionEvent.FromXmpp(chat("2"))).state();
    ImSessionTransition overflow = small.next(s, new ImSessionEvent.FromXmpp(chat("3")));
    assertThat(((Bounce) overflow.actions().get(0)).error().condition())
        .isEqualTo(StanzaCondition.RESOURCE_CONSTRAINT);
  }
}
