package io.fedgate.sip.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.session.SipSubscription.Role;
import io.fedgate.sip.session.SipSubscriptionAction.CancelTimers;
import io.fedgate.sip.session.SipSubscriptionAction.Deliver;
import io.fedgate.sip.session.SipSubscriptionAction.Respond;
import io.fedgate.sip.session.SipSubscriptionAction.SendNotify;
import io.fedgate.sip.session.SipSubscriptionAction.SendSubscribe;
import io.fedgate.sip.session.SipSubscriptionAction.StartTimer;
import io.fedgate.sip.session.SipSubscriptionAction.Timer;
import io.fedgate.sip.session.SipSubscriptionState.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIP presence subscriptions in both roles (RFC 8048, PROTOCOL.md §4) with a fake clock. */
class SipSubscriptionTest {
  private static final Jid BOB = Jid.parse("bob@local.test").orElseThrow();
  private static final Jid ALICE = Jid.parse("alice@example.com").orElseThrow();
  private final MutableClock clock = new MutableClock();
  private final SipSubscription subscriber =
      new SipSubscription(BOB, ALICE, Role.SUBSCRIBER, SipSubscription.Config.defaults(), clock);
  private final SipSubscription notifier =
      new SipSubscription(ALICE, BOB, Role.NOTIFIER, SipSubscription.Config.defaults(), clock);

  private static SipMessage response(int status, String... extra) {
    return Sip.parse(
        "SIP/2.0 "
            + status
            + " X\nVia: SIP/2.0/TLS gw;branch=z9hG4bK1\n"
            + "From: <sip:bob@local.test>;tag=g\nTo: <sip:alice@example.com>;tag=a\nCall-ID: s1\n"
            + "CSeq: 1 SUBSCRIBE\n"
            + String.join("", extra)
            + "Content-Length: 0\n\n");
  }

  private static SipMessage notify(String method, String state, String pidfBody) {
    return Sip.parse(
        method
            + " sip:gw.local.test SIP/2.0\nVia: SIP/2.0/TLS 203.0.113.10;branch=z9hG4bKn\n"
            + "From: <sip:alice@example.com>;tag=a\nTo: <sip:bob@local.test>;tag=g\nCall-ID: s1\n"
            + "CSeq: 2 "
            + method
            + "\nEvent: presence\nSubscription-State: "
            + state
            + "\n"
            + (pidfBody.isEmpty() ? "" : "Content-Type: application/pidf+xml\n")
            + "\n"
            + pidfBody);
  }

  private static String pidf(String basic, String show) {
    return "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:alice@example.com'><tuple id='t'>"
        + "<status><basic>"
        + basic
        + "</basic>"
        + show
        + "</status></tuple></presence>";
  }

  private static List<String> delivered(SipSubscriptionTransition t) {
    return t.actions().stream()
        .filter(Deliver.class::isInstance)
        .map(a -> ((Deliver) a).stanza().toXml())
        .toList();
  }

  private SipSubscriptionState active() {
    SipSubscriptionState s =
        subscriber
            .next(SipSubscription.initial(), new SipSubscriptionEvent.XmppSubscribe())
            .state();
    s =
        subscriber
            .next(s, new SipSubscriptionEvent.SubscribeResponse(response(202, "Expires: 3600\n")))
            .state();
    return subscriber
        .next(s, new SipSubscriptionEvent.Notify(notify("NOTIFY", "active;expires=3600", "")))
        .state();
  }

  // ---- subscriber role (PROTOCOL.md §4.1) ----

  @Test
  void only200AndPendingChangeNothingAndTheFirstActiveNotifyIsSubscribed() {
    SipSubscriptionTransition sent =
        subscriber.next(SipSubscription.initial(), new SipSubscriptionEvent.XmppSubscribe());
    SendSubscribe subscribe = (SendSubscribe) sent.actions().get(0);
    assertThat(subscribe.newDialog()).isTrue();
    assertThat(subscribe.subscribe().header("Expires")).contains("3600");
    assertThat(subscribe.subscribe().header("Event")).contains("presence");
    assertThat(subscribe.subscribe().header("Accept")).contains("application/pidf+xml");

    SipSubscriptionTransition accepted =
        subscriber.next(
            sent.state(),
            new SipSubscriptionEvent.SubscribeResponse(response(202, "Expires: 3600\n")));
    assertThat(accepted.actions())
        .containsExactly(new StartTimer(Timer.REFRESH, Duration.ofSeconds(3000)));
    assertThat(accepted.state().phase()).isEqualTo(Phase.NEUTRAL);

    SipSubscriptionTransition pending =
        subscriber.next(
            accepted.state(),
            new SipSubscriptionEvent.Notify(notify("NOTIFY", "pending;expires=3600", "")));
    assertThat(delivered(pending)).isEmpty();
    assertThat(((Respond) pending.actions().get(0)).response().status()).isEqualTo(200);

    SipSubscriptionTransition active =
        subscriber.next(
            pending.state(),
            new SipSubscriptionEvent.Notify(
                notify("NOTIFY", "active;expires=3599", pidf("open", ""))));
    assertThat(delivered(active))
        .containsExactly(
            "<presence xmlns='jabber:client' from='alice@example.com' to='bob@local.test' type='subscribed'/>",
            "<presence xmlns='jabber:client' from='alice@example.com' to='bob@local.test'/>");

    SipSubscriptionTransition later =
        subscriber.next(
            active.state(),
            new SipSubscriptionEvent.Notify(
                notify(
                    "NOTIFY",
                    "active;expires=3000",
                    pidf("open", "<show xmlns='jabber:client'>away</show>"))));
    assertThat(delivered(later))
        .containsExactly(
            "<presence xmlns='jabber:client' from='alice@example.com' to='bob@local.test'><show>away</show></presence>");
  }

  @Test
  void aBenotifyIsProcessedButNeverAnswered() {
    SipSubscriptionTransition t =
        subscriber.next(
            active(),
            new SipSubscriptionEvent.Notify(
                notify("BENOTIFY", "active;expires=3000", pidf("closed", ""))));
    assertThat(t.actions()).noneMatch(Respond.class::isInstance);
    assertThat(delivered(t)).singleElement().asString().contains("type='unavailable'");
  }

  @Test
  void theGatewayRefreshesOnlyWhileTheWatcherIsOnlineAndOnInitialPresence() {
    SipSubscriptionTransition refresh =
        subscriber.next(active(), new SipSubscriptionEvent.TimerFired(Timer.REFRESH));
    assertThat(refresh.actions())
        .singleElement()
        .isInstanceOfSatisfying(SendSubscribe.class, s -> assertThat(s.newDialog()).isFalse());

    SipSubscriptionState offline =
        subscriber.next(active(), new SipSubscriptionEvent.WatcherAvailability(false)).state();
    assertThat(
            subscriber.next(offline, new SipSubscriptionEvent.TimerFired(Timer.REFRESH)).actions())
        .isEmpty();

    SipSubscriptionTransition online =
        subscriber.next(offline, new SipSubscriptionEvent.WatcherAvailability(true));
    assertThat(online.actions()).singleElement().isInstanceOf(SendSubscribe.class);
  }

  @ParameterizedTest(name = "refresh answered {0}")
  @ValueSource(ints = {403, 489, 603})
  void aRefusedRefreshEndsTheAuthorisation(int status) {
    SipSubscriptionTransition t =
        subscriber.next(active(), new SipSubscriptionEvent.SubscribeResponse(response(status)));
    assertThat(t.state().phase()).isEqualTo(Phase.TERMINATED);
    assertThat(delivered(t))
        .containsExactly(
            "<presence xmlns='jabber:client' from='alice@example.com' to='bob@local.test' type='unsubscribed'/>");
    assertThat(t.actions()).contains(new CancelTimers());
  }

  @Test
  void intervalTooBriefAndLostDialogAreTransient() {
    SipSubscriptionTransition brief =
        subscriber.next(
            active(),
            new SipSubscriptionEvent.SubscribeResponse(response(423, "Min-Expires: 7200\n")));
    assertThat(delivered(brief)).isEmpty();
    assertThat(((SendSubscribe) brief.actions().get(0)).subscribe().header("Expires"))
        .contains("7200");

    SipSubscriptionTransition lost =
        subscriber.next(active(), new SipSubscriptionEvent.SubscribeResponse(response(481)));
    assertThat(delivered(lost)).isEmpty();
    assertThat(((SendSubscribe) lost.actions().get(0)).newDialog()).isTrue();

    SipSubscriptionTransition timeout =
        subscriber.next(active(), new SipSubscriptionEvent.SubscribeResponse(response(408)));
    assertThat(timeout.actions())
        .containsExactly(new StartTimer(Timer.RETRY, Duration.ofMinutes(1)));
  }

  /** RFC 8048 §4.5: a failing peer is not hammered: 1, 2, 4 ... minutes, at most an hour. */
  @Test
  void retriesBackOffWhileThePeerFailsAndAnAnswerResetsThem() {
    SipSubscriptionState state = active();
    List<Duration> delays = new java.util.ArrayList<>();
    for (int i = 0; i < 9; i++) {
      SipSubscriptionTransition failed =
          subscriber.next(state, new SipSubscriptionEvent.SubscribeResponse(response(503)));
      delays.add(((StartTimer) failed.actions().get(0)).delay());
      state = failed.state();
    }
    assertThat(delays)
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(8),
            Duration.ofMinutes(16),
            Duration.ofMinutes(32),
            Duration.ofHours(1),
            Duration.ofHours(1),
            Duration.ofHours(1));

    state =
        subscriber
            .next(
                state, new SipSubscriptionEvent.SubscribeResponse(response(200, "Expires: 3600\n")))
            .state();
    SipSubscriptionTransition again =
        subscriber.next(state, new SipSubscriptionEvent.SubscribeResponse(response(408)));
    assertThat(again.actions()).containsExactly(new StartTimer(Timer.RETRY, Duration.ofMinutes(1)));
  }

  @Test
  void unsubscribeIsExpiresZeroAndItsOkBecomesUnsubscribed() {
    SipSubscriptionTransition cancel =
        subscriber.next(active(), new SipSubscriptionEvent.XmppUnsubscribe());
    SendSubscribe s = (SendSubscribe) cancel.actions().get(0);
    assertThat(s.newDialog()).isFalse();
    assertThat(s.subscribe().header("Expires")).contains("0");

    SipSubscriptionTransition ok =
        subscriber.next(cancel.state(), new SipSubscriptionEvent.SubscribeResponse(response(200)));
    assertThat(ok.state().isTerminated()).isTrue();
    assertThat(delivered(ok)).singleElement().asString().contains("type='unsubscribed'");
    // the terminating NOTIFY that follows is answered and changes nothing more
    SipSubscriptionTransition last =
        subscriber.next(
            ok.state(),
            new SipSubscriptionEvent.Notify(notify("NOTIFY", "terminated;reason=timeout", "")));
    assertThat(delivered(last)).isEmpty();
    assertThat(((Respond) last.actions().get(0)).response().status()).isEqualTo(200);
  }

  @Test
  void terminatedRejectedEndsTheAuthorisationAndDeactivatedResubscribes() {
    SipSubscriptionTransition rejected =
        subscriber.next(
            active(),
            new SipSubscriptionEvent.Notify(notify("NOTIFY", "terminated;reason=rejected", "")));
    assertThat(delivered(rejected)).hasSize(2).last().asString().contains("type='unsubscribed'");

    SipSubscriptionTransition deactivated =
        subscriber.next(
            active(),
            new SipSubscriptionEvent.Notify(notify("NOTIFY", "terminated;reason=deactivated", "")));
    assertThat(delivered(deactivated)).singleElement().asString().contains("type='unavailable'");
    assertThat(deactivated.actions())
        .anySatisfy(
            a ->
                assertThat(a)
                    .isInstanceOfSatisfying(
                        SendSubscribe.class, s -> assertThat(s.newDialog()).isTrue()));
  }

  @Test
  void aSubscriptionThatLapsedWhileTheWatcherWasOfflineWaitsForHisInitialPresence() {
    SipSubscriptionState offline =
        subscriber.next(active(), new SipSubscriptionEvent.WatcherAvailability(false)).state();
    SipSubscriptionTransition lapsed =
        subscriber.next(
            offline,
            new SipSubscriptionEvent.Notify(notify("NOTIFY", "terminated;reason=timeout", "")));
    assertThat(delivered(lapsed)).singleElement().asString().contains("type='unavailable'");
    assertThat(lapsed.actions()).noneMatch(SendSubscribe.class::isInstance);

    SipSubscriptionTransition online =
        subscriber.next(lapsed.state(), new SipSubscriptionEvent.WatcherAvailability(true));
    assertThat(online.actions()).singleElement().isInstanceOf(SendSubscribe.class);
  }

  // ---- notifier role (PROTOCOL.md §4.2, §6.9 A) ----

  private static SipMessage lyncSubscribe(String expires) {
    return Sip.parse(
        "SUBSCRIBE sip:bob@local.test SIP/2.0\n"
            + "Via: SIP/2.0/TLS 203.0.113.10:5061;branch=z9hG4bK61A2F0C4.9E7D55B1;branched=FALSE\n"
            + "Max-Forwards: 68\nFrom: <sip:alice@example.com>;tag=7c1e93ab20;epid=4b2de9f017\n"
            + "To: <sip:bob@local.test>\nCall-ID: 0d3f5e8c2a7b4c91a6e2f4d8b1c3a5e7\nCSeq: 1 SUBSCRIBE\n"
            + "Contact: <sip:alice@example.com;opaque=user:epid:QkxBSEJMQUhCTEFIAA;gruu>\n"
            + "Event: presence\nAccept: application/pidf+xml, application/msrtc-event-categories+xml\n"
            + "Supported: com.microsoft.autoextend\nSupported: ms-benotify\n"
            + "Supported: ms-piggyback-first-notify\n"
            + expires
            + "Content-Length: 0\n\n");
  }

  private static XmlElement bobAway() {
    return Sip.xml(
        "<presence xmlns='jabber:client' from='bob@local.test/laptop' to='alice@example.com'>"
            + "<show>away</show><status>Out to lunch</status><priority>5</priority></presence>");
  }

  private static List<SipMessage> notifies(SipSubscriptionTransition t) {
    return t.actions().stream()
        .filter(SendNotify.class::isInstance)
        .map(a -> ((SendNotify) a).request())
        .toList();
  }

  @Test
  void exampleA_aLyncSubscribeIsAnsweredAtOnceWithAPendingNotifyAndASubscribeForBob() {
    SipSubscriptionTransition t =
        notifier.next(
            SipSubscription.initial(),
            new SipSubscriptionEvent.RemoteSubscribe(
                lyncSubscribe("Expires: 3600\n"), false, false, Optional.empty()));

    SipMessage ok = ((Respond) t.actions().get(0)).response();
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.hasToken("supported", "ms-benotify")).isFalse();
    assertThat(notifies(t))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.header("subscription-state")).contains("pending;expires=3600");
              assertThat(n.body()).isEmpty();
            });
    assertThat(delivered(t))
        .containsExactly(
            "<presence xmlns='jabber:client' from='alice@example.com' to='bob@local.test' type='subscribe'/>");
    assertThat(t.state().phase()).isEqualTo(Phase.PENDING);

    SipSubscriptionTransition approved =
        notifier.next(
            t.state(),
            new SipSubscriptionEvent.XmppAnswer(
                Sip.xml(
                    "<presence xmlns='jabber:client' from='bob@local.test'"
                        + " to='alice@example.com' type='subscribed'/>")));
    assertThat(notifies(approved))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.header("subscription-state")).contains("active;expires=3600");
              assertThat(n.body()).isEmpty();
            });

    clock.advance(Duration.ofSeconds(10));
    SipSubscriptionTransition away =
        notifier.next(approved.state(), new SipSubscriptionEvent.XmppPresence(bobAway()));
    SipMessage pidf = notifies(away).get(0);
    assertThat(pidf.header("subscription-state")).contains("active;expires=3590");
    assertThat(pidf.contentType()).contains("application/pidf+xml");
    assertThat(Sip.body(pidf))
        .contains(
            "<show xmlns='jabber:client'>away</show>",
            "priority='0.039'",
            "<note>Out to lunch</note>",
            "id='ID-laptop'");
  }

  @Test
  void aWatcherTheRosterAlreadyAllowsIsActiveAtOnceWithTheKnownPresence() {
    SipSubscriptionTransition t =
        notifier.next(
            SipSubscription.initial(),
            new SipSubscriptionEvent.RemoteSubscribe(
                lyncSubscribe(""), false, true, Optional.of(bobAway())));
    assertThat(notifies(t)).hasSize(2);
    assertThat(notifies(t).get(0).header("subscription-state")).contains("active;expires=3600");
    assertThat(Sip.body(notifies(t).get(1))).contains("<basic>open</basic>");
    assertThat(delivered(t)).isEmpty();
  }

  @Test
  void aDeclineIsTerminatedRejected() {
    SipSubscriptionState pending =
        notifier
            .next(
                SipSubscription.initial(),
                new SipSubscriptionEvent.RemoteSubscribe(
                    lyncSubscribe(""), false, false, Optional.empty()))
            .state();
    SipSubscriptionTransition t =
        notifier.next(
            pending,
            new SipSubscriptionEvent.XmppAnswer(
                Sip.xml(
                    "<presence xmlns='jabber:client' from='bob@local.test' to='alice@example.com' type='unsubscribed'/>")));
    assertThat(notifies(t))
        .singleElement()
        .satisfies(
            n -> assertThat(n.header("subscription-state")).contains("terminated;reason=rejected"));
    assertThat(t.state().isTerminated()).isTrue();
  }

  @Test
  void aCancelInTheDialogEndsWithAClosedPidfAndUnavailableForBob() {
    SipSubscriptionState active =
        notifier
            .next(
                SipSubscription.initial(),
                new SipSubscriptionEvent.RemoteSubscribe(
                    lyncSubscribe(""), false, true, Optional.empty()))
            .state();
    SipSubscriptionTransition t =
        notifier.next(
            active,
            new SipSubscriptionEvent.RemoteSubscribe(
                lyncSubscribe("Expires: 0\n"), true, true, Optional.empty()));
    SipMessage last = notifies(t).get(0);
    assertThat(last.header("subscription-state")).contains("terminated;reason=timeout");
    assertThat(Sip.body(last)).contains("<basic>closed</basic>");
    assertThat(delivered(t))
        .containsExactly(
            "<presence xmlns='jabber:client' from='alice@example.com' to='bob@local.test' type='unavailable'/>");
    assertThat(t.state().isTerminated()).isTrue();
  }

  @Test
  void aFetchIsAnsweredFromTheCacheOrByAProbe() {
    SipSubscriptionTransition cached =
        notifier.next(
            SipSubscription.initial(),
            new SipSubscriptionEvent.RemoteSubscribe(
                lyncSubscribe("Expires: 0\n"), false, true, Optional.of(bobAway())));
    assertThat(delivered(cached)).isEmpty();
    assertThat(notifies(cached))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.header("subscription-state")).contains("terminated;reason=timeout");
              assertThat(Sip.body(n)).contains("away");
            });

    SipSubscriptionTransition probe =
        notifier.next(
            SipSubscription.initial(),
            new SipSubscriptionEvent.RemoteSubscribe(
                lyncSubscribe("Expires: 0\n"), false, true, Optional.empty()));
    assertThat(delivered(probe))
        .containsExactly(
            "<presence xmlns='jabber:client' from='alice@example.com' to='bob@local.test' type='probe'/>");
    SipSubscriptionTransition answered =
        notifier.next(probe.state(), new SipSubscriptionEvent.XmppPresence(bobAway()));
    assertThat(notifies(answered))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.header("subscription-state")).contains("terminated;reason=timeout");
              assertThat(Sip.body(n)).contains("Out to lunch");
            });
  }

  @Test
  void aVeryLongSubscriptionIsShortenedToTheConfiguredDuration() {
    SipSubscriptionTransition t =
        notifier.next(
            SipSubscription.initial(),
            new SipSubscriptionEvent.RemoteSubscribe(
                lyncSubscribe("Expires: 999999999\n"), false, false, Optional.empty()));

    SipMessage ok = ((Respond) t.actions().get(0)).response();
    assertThat(ok.header("Expires")).contains("3600");
    assertThat(t.actions()).contains(new StartTimer(Timer.EXPIRY, Duration.ofSeconds(3600)));
    assertThat(notifies(t).get(0).header("subscription-state")).contains("pending;expires=3600");
  }

  @Test
  void anUnrefreshedSubscriptionExpires() {
    SipSubscriptionState active =
        notifier
            .next(
                SipSubscription.initial(),
                new SipSubscriptionEvent.RemoteSubscribe(
                    lyncSubscribe("Expires: 600\n"), false, true, Optional.empty()))
            .state();
    clock.advance(Duration.ofSeconds(300));
    SipSubscriptionTransition early =
        notifier.next(active, new SipSubscriptionEvent.TimerFired(Timer.EXPIRY));
    assertThat(early.actions())
        .containsExactly(new StartTimer(Timer.EXPIRY, Duration.ofSeconds(300)));

    clock.advance(Duration.ofSeconds(300));
    SipSubscriptionTransition expired =
        notifier.next(active, new SipSubscriptionEvent.TimerFired(Timer.EXPIRY));
    assertThat(notifies(expired))
        .singleElement()
        .satisfies(
            n -> assertThat(n.header("subscription-state")).contains("terminated;reason=timeout"));
    assertThat(delivered(expired))
        .as("for Bob the watcher is gone, as after a cancel")
        .containsExactly(
            "<presence xmlns='jabber:client' from='alice@example.com' to='bob@local.test' type='unavailable'/>");
    assertThat(expired.actions()).anyMatch(CancelTimers.class::isInstance);
    assertThat(expired.state().isTerminated()).isTrue();
  }

  @Test
  void aBatchedLyncSubscribeIs420WithUnsupported() {
    SipMessage batched =
        Sip.parse(
            "SUBSCRIBE sip:alice@example.com SIP/2.0\n"
                + "Via: SIP/2.0/TLS 203.0.113.10;branch=z9hG4bKb\nFrom: <sip:alice@example.com>;tag=b\n"
                + "To: <sip:alice@example.com>\nCall-ID: b1\nCSeq: 1 SUBSCRIBE\nEvent: presence\n"
                + "Require: adhoclist, categoryList\nSupported: eventlist\n"
                + "Content-Type: application/msrtc-adrl-categorylist+xml\n\n<batchSub/>");
    SipSubscriptionTransition t =
        notifier.next(
            SipSubscription.initial(),
            new SipSubscriptionEvent.RemoteSubscribe(batched, false, false, Optional.empty()));
    SipMessage answer = ((Respond) t.actions().get(0)).response();
    assertThat(answer.status()).isEqualTo(420);
    assertThat(answer.header("unsupported")).contains("adhoclist, categoryList");
    assertThat(t.actions()).hasSize(1);
  }
}
