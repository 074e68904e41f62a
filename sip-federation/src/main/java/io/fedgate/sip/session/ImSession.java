package io.fedgate.sip.session;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipHeader;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.session.ImSessionAction.Bounce;
import io.fedgate.sip.session.ImSessionAction.Deliver;
import io.fedgate.sip.session.ImSessionAction.Respond;
import io.fedgate.sip.session.ImSessionAction.SendInDialog;
import io.fedgate.sip.session.ImSessionAction.StartTimer;
import io.fedgate.sip.session.ImSessionAction.Timer;
import io.fedgate.sip.session.ImSessionState.Closing;
import io.fedgate.sip.session.ImSessionState.Established;
import io.fedgate.sip.session.ImSessionState.Idle;
import io.fedgate.sip.session.ImSessionState.Inviting;
import io.fedgate.sip.translate.AddressMapping;
import io.fedgate.sip.translate.ErrorMapping;
import io.fedgate.sip.translate.ImTranslator;
import io.fedgate.sip.translate.SessionOffer;
import io.fedgate.sip.translate.StanzaCondition;
import io.fedgate.sip.translate.StanzaError;
import io.fedgate.sip.translate.Translation;
import io.fedgate.sip.translate.TypingDialect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Lync IM conversation between a local XMPP user and a Lync user as a transition function
 * {@code (state, event) -> (state, actions)} (PROTOCOL.md §6.6 with RFC 7573's session semantics):
 * the first XMPP message opens an INVITE with it embedded; later messages wait in the queue until
 * the dialog is confirmed and are bounced with the §3.2 error if the INVITE fails; the embedded
 * message is re-sent as MESSAGE when the 200 OK lacks {@code Supported: ms-text-format}; BYE either
 * way ends the dialog (the next message re-INVITEs); an idle dialog is closed with BYE.
 */
public final class ImSession {

  /** Settings; {@code typingPause} is the ≈5 s after which a silent typist is "paused". */
  public record Config(
      Duration idleTimeout,
      Duration typingPause,
      SessionOffer offer,
      TypingDialect dialect,
      int maxQueued) {
    public static Config defaults(SessionOffer offer) {
      return new Config(
          Duration.ofMinutes(10), Duration.ofSeconds(5), offer, TypingDialect.LYNC_INFO, 50);
    }
  }

  private final Jid local;
  private final Jid remote;
  private final Config config;
  private final Clock clock;

  public ImSession(Jid local, Jid remote, Config config, Clock clock) {
    this.local = local.bare();
    this.remote = remote.bare();
    this.config = config;
    this.clock = clock;
  }

  public static ImSessionState initial() {
    return new Idle();
  }

  public ImSessionTransition next(ImSessionState state, ImSessionEvent event) {
    if (event instanceof ImSessionEvent.FromXmpp x) {
      return fromXmpp(state, x.message());
    }
    if (event instanceof ImSessionEvent.InviteResponse r) {
      return inviteResponse(state, r.response());
    }
    if (event instanceof ImSessionEvent.RemoteInvite i) {
      return remoteInvite(state, i.invite());
    }
    if (event instanceof ImSessionEvent.RemoteRequest r) {
      return ImSessionInbound.request(this, state, r.request());
    }
    if (event instanceof ImSessionEvent.RequestFailed f) {
      return requestFailed(state, f.original(), f.response());
    }
    if (event instanceof ImSessionEvent.ByeDone) {
      return state instanceof Closing ? ImSessionTransition.of(new Idle()) : stay(state);
    }
    return timer(state, ((ImSessionEvent.TimerFired) event).timer());
  }

  private ImSessionTransition fromXmpp(ImSessionState state, XmlElement message) {
    boolean hasBody = message.childElements().stream().anyMatch(e -> e.name().equals("body"));
    if (state instanceof Idle || state instanceof Closing) {
      if (!hasBody) {
        return stay(state); // no dialog for typing alone; gone without a dialog is a no-op
      }
      Translation<SipMessage> invite = ImTranslator.toSessionInvite(message, config.offer());
      if (invite instanceof Translation.Ok<SipMessage> ok) {
        return ImSessionTransition.of(
            new Inviting(message, List.of()), new ImSessionAction.SendInvite(ok.value()));
      }
      return ImSessionTransition.of(state, bounce(message, invite));
    }
    if (state instanceof Inviting inviting) {
      if (inviting.queued().size() >= config.maxQueued()) {
        return ImSessionTransition.of(
            state, new Bounce(message, StanzaError.of(StanzaCondition.RESOURCE_CONSTRAINT)));
      }
      List<XmlElement> queued = new ArrayList<>(inviting.queued());
      queued.add(message);
      return ImSessionTransition.of(new Inviting(inviting.first(), queued));
    }
    Established est = (Established) state;
    Translation<SipMessage> request = ImTranslator.toSessionRequest(message, config.dialect());
    if (request instanceof Translation.Ok<SipMessage> ok) {
      SendInDialog send = new SendInDialog(ok.value(), hasBody ? message : null);
      if (ok.value().method().equals("BYE")) {
        return ImSessionTransition.of(new Closing(), send);
      }
      return ImSessionTransition.of(
          new Established(est.callId(), clock.instant(), est.remoteTypingSince()), send);
    }
    if (request instanceof Translation.Refused<SipMessage>) {
      return ImSessionTransition.of(state, bounce(message, request));
    }
    return stay(state);
  }

  private ImSessionTransition inviteResponse(ImSessionState state, SipMessage response) {
    if (!(state instanceof Inviting inviting) || response.status() < 200) {
      return stay(state);
    }
    List<ImSessionAction> actions = new ArrayList<>();
    if (response.status() >= 300) {
      StanzaError error = ErrorMapping.toXmpp(response);
      actions.add(new Bounce(inviting.first(), error));
      for (XmlElement queued : inviting.queued()) {
        if (queued.childElements().stream().anyMatch(e -> e.name().equals("body"))) {
          actions.add(new Bounce(queued, error));
        }
      }
      return new ImSessionTransition(new Idle(), actions);
    }
    String callId = response.header("call-id").orElse("");
    ImSessionState current = new Established(callId, clock.instant(), Instant.MIN);
    actions.add(new StartTimer(Timer.IDLE, config.idleTimeout()));
    List<XmlElement> toSend = new ArrayList<>();
    if (!response.hasToken("supported", "ms-text-format")) {
      toSend.add(inviting.first()); // the callee did not consume the embedded message
    }
    toSend.addAll(inviting.queued());
    for (XmlElement message : toSend) {
      ImSessionTransition step = fromXmpp(current, message);
      current = step.state();
      actions.addAll(step.actions());
    }
    return new ImSessionTransition(current, actions);
  }

  private ImSessionTransition remoteInvite(ImSessionState state, SipMessage invite) {
    Translation<XmlElement> first = ImTranslator.inviteToXmpp(invite);
    if (first instanceof Translation.Refused<XmlElement> refused) {
      return ImSessionTransition.of(state, new Respond(refusal(invite, refused)));
    }
    String userUri = AddressMapping.toSipUri(local, false).asOptional().orElse("");
    boolean consumed = first instanceof Translation.Ok;
    List<ImSessionAction> actions = new ArrayList<>();
    actions.add(new Respond(ImTranslator.answerInvite(invite, userUri, config.offer(), consumed)));
    first.asOptional().ifPresent(m -> actions.add(new Deliver(m)));
    actions.add(new StartTimer(Timer.IDLE, config.idleTimeout()));
    ImSessionState current =
        new Established(invite.header("call-id").orElse(""), clock.instant(), Instant.MIN);
    if (state instanceof Inviting inviting) {
      // glare: both sides invited at once; use the Lync user's dialog for what we were holding
      List<XmlElement> held = new ArrayList<>(List.of(inviting.first()));
      held.addAll(inviting.queued());
      for (XmlElement message : held) {
        ImSessionTransition step = fromXmpp(current, message);
        current = step.state();
        actions.addAll(step.actions());
      }
    }
    return new ImSessionTransition(current, actions);
  }

  private ImSessionTransition requestFailed(
      ImSessionState state, XmlElement original, SipMessage response) {
    boolean dialogGone = response.status() == 481 || response.status() == 408;
    if (dialogGone && state instanceof Established) {
      return original == null ? ImSessionTransition.of(new Idle()) : fromXmpp(new Idle(), original);
    }
    if (original == null) {
      return stay(state);
    }
    return ImSessionTransition.of(state, new Bounce(original, ErrorMapping.toXmpp(response)));
  }

  private ImSessionTransition timer(ImSessionState state, Timer timer) {
    if (!(state instanceof Established est)) {
      return stay(state);
    }
    Instant now = clock.instant();
    if (timer == Timer.IDLE) {
      Duration idle = Duration.between(est.lastActivity(), now);
      if (idle.compareTo(config.idleTimeout()) >= 0) {
        return ImSessionTransition.of(new Closing(), new SendInDialog(bye(), null));
      }
      return ImSessionTransition.of(
          state, new StartTimer(Timer.IDLE, config.idleTimeout().minus(idle)));
    }
    if (est.remoteTypingSince().equals(Instant.MIN)) {
      return stay(state);
    }
    Duration silent = Duration.between(est.remoteTypingSince(), now);
    if (silent.compareTo(config.typingPause()) >= 0) {
      return ImSessionTransition.of(
          new Established(est.callId(), est.lastActivity(), Instant.MIN),
          new Deliver(chatState("paused", est.callId())));
    }
    return ImSessionTransition.of(
        state, new StartTimer(Timer.TYPING, config.typingPause().minus(silent)));
  }

  SipMessage bye() {
    String to =
        AddressMapping.toSipUri(remote, false).asOptional().orElse("sip:" + remote.domain());
    String from = AddressMapping.toSipUri(local, false).asOptional().orElse("");
    return SipMessage.request("BYE", to)
        .addHeader("From", "<" + from + ">")
        .addHeader("To", "<" + to + ">");
  }

  XmlElement chatState(String name, String thread) {
    return Presences.stanza("message", remote, local, "chat")
        .withChild(XmlElement.of("http://jabber.org/protocol/chatstates", name))
        .withChild(new XmlElement(Namespaces.CLIENT, "thread", Map.of(), List.of(thread)));
  }

  Config config() {
    return config;
  }

  Clock clock() {
    return clock;
  }

  static SipMessage refusal(SipMessage request, Translation.Refused<?> refused) {
    SipMessage response =
        SipMessage.responseTo(
            request,
            refused.sipStatus(),
            io.fedgate.sip.translate.ReasonPhrases.of(refused.sipStatus()));
    for (SipHeader h : refused.headers()) {
      response = response.addHeader(h.name(), h.value());
    }
    return response;
  }

  private static Bounce bounce(XmlElement message, Translation<?> refusal) {
    StanzaCondition condition =
        refusal instanceof Translation.Refused<?> r
            ? r.condition()
            : StanzaCondition.UNDEFINED_CONDITION;
    return new Bounce(message, StanzaError.of(condition));
  }

  private static ImSessionTransition stay(ImSessionState state) {
    return ImSessionTransition.of(state);
  }
}
