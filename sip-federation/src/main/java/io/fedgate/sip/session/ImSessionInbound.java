package io.fedgate.sip.session;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.session.ImSessionAction.Deliver;
import io.fedgate.sip.session.ImSessionAction.Respond;
import io.fedgate.sip.session.ImSessionAction.StartTimer;
import io.fedgate.sip.session.ImSessionState.Established;
import io.fedgate.sip.session.ImSessionState.Idle;
import io.fedgate.sip.translate.ImTranslator;
import io.fedgate.sip.translate.Translation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** In-dialog requests from the Lync side: MESSAGE, INFO (typing), BYE. */
final class ImSessionInbound {
  private ImSessionInbound() {}

  static ImSessionTransition request(ImSession session, ImSessionState state, SipMessage request) {
    String method = request.method();
    if (method.equals("BYE")) {
      // RFC 3261 §15.1.2: a BYE for a dialog we no longer have is 481; otherwise 200 and <gone/>
      if (!(state instanceof Established) && !(state instanceof ImSessionState.Closing)) {
        return ImSessionTransition.of(state, new Respond(ok(request, 481)));
      }
      List<ImSessionAction> actions = new ArrayList<>();
      actions.add(new Respond(ok(request, 200)));
      if (state instanceof Established) {
        ImTranslator.byeToXmpp(request).asOptional().ifPresent(g -> actions.add(new Deliver(g)));
      }
      return new ImSessionTransition(new Idle(), actions);
    }
    if (!method.equals("MESSAGE") && !method.equals("INFO")) {
      return ImSessionTransition.of(state, new Respond(ok(request, 405)));
    }
    if (!(state instanceof Established est)) {
      return ImSessionTransition.of(state, new Respond(ok(request, 481)));
    }
    Translation<XmlElement> stanza =
        method.equals("INFO")
            ? ImTranslator.typingToXmpp(request)
            : ImTranslator.sessionMessageToXmpp(request);
    if (stanza instanceof Translation.Refused<XmlElement> refused) {
      return ImSessionTransition.of(state, new Respond(ImSession.refusal(request, refused)));
    }
    Instant now = session.clock().instant();
    List<ImSessionAction> actions = new ArrayList<>();
    actions.add(new Respond(ok(request, 200)));
    Instant typing = Instant.MIN;
    if (stanza instanceof Translation.Ok<XmlElement> ok) {
      actions.add(new Deliver(ok.value()));
      boolean composing =
          ok.value().childElements().stream().anyMatch(e -> e.name().equals("composing"));
      if (composing) {
        typing = now;
        actions.add(new StartTimer(ImSessionAction.Timer.TYPING, session.config().typingPause()));
      }
    }
    return new ImSessionTransition(new Established(est.callId(), now, typing), actions);
  }

  private static SipMessage ok(SipMessage request, int status) {
    return SipMessage.responseTo(
        request, status, io.fedgate.sip.translate.ReasonPhrases.of(status));
  }
}
