package io.fedgate.sip.session;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.translate.StanzaError;
import java.time.Duration;

/** What the adapter does for an IM session. */
public sealed interface ImSessionAction
    permits ImSessionAction.SendInvite,
        ImSessionAction.SendInDialog,
        ImSessionAction.Respond,
        ImSessionAction.Deliver,
        ImSessionAction.Bounce,
        ImSessionAction.StartTimer {

  /** The timers of a session. */
  enum Timer {
    /** Idle clean-up: BYE after {@code idleTimeout} without traffic (RFC 7573 §7, ≈10 min). */
    IDLE,
    /** Synthesize {@code <paused/>} when no typing notification came for a while. */
    TYPING
  }

  /**
   * Send this INVITE in a new dialog (the stack adds Via, CSeq, tags, Contact, Call-ID if absent).
   */
  record SendInvite(SipMessage invite) implements ImSessionAction {}

  /**
   * Send this request (MESSAGE, INFO, BYE) in the session's dialog: the stack replaces Request-URI,
   * From, To and Call-ID with the dialog's. {@code original} is the XMPP message it carries (to
   * bounce on failure), or null.
   */
  record SendInDialog(SipMessage request, XmlElement original) implements ImSessionAction {}

  /** Answer the SIP request the event carried with this response. */
  record Respond(SipMessage response) implements ImSessionAction {}

  /** Hand this stanza to the XMPP side (InboundStanzas). */
  record Deliver(XmlElement stanza) implements ImSessionAction {}

  /** Return this XMPP message to its sender with the error. */
  record Bounce(XmlElement original, StanzaError error) implements ImSessionAction {}

  /** (Re)start the timer; a running one of the same kind is replaced. */
  record StartTimer(Timer timer, Duration delay) implements ImSessionAction {}
}
