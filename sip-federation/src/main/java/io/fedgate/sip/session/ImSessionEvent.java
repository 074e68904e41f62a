package io.fedgate.sip.session;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;

/** What happens to an IM session: XMPP stanzas, SIP requests and responses, timers. */
public sealed interface ImSessionEvent
    permits ImSessionEvent.FromXmpp,
        ImSessionEvent.InviteResponse,
        ImSessionEvent.RemoteInvite,
        ImSessionEvent.RemoteRequest,
        ImSessionEvent.RequestFailed,
        ImSessionEvent.ByeDone,
        ImSessionEvent.TimerFired {

  /** A {@code <message/>} from the local XMPP user to the Lync user. */
  record FromXmpp(XmlElement message) implements ImSessionEvent {}

  /** The final response to our INVITE (2xx or an error). */
  record InviteResponse(SipMessage response) implements ImSessionEvent {}

  /** The Lync user opened a dialog (an INVITE with {@code m=message}). */
  record RemoteInvite(SipMessage invite) implements ImSessionEvent {}

  /** An in-dialog request from the Lync side: MESSAGE, INFO or BYE. */
  record RemoteRequest(SipMessage request) implements ImSessionEvent {}

  /**
   * An in-dialog request we sent (MESSAGE/INFO) failed with {@code response} (a 481 or 408 means
   * the dialog is gone); {@code original} is the XMPP message it carried, if any (else null).
   */
  record RequestFailed(XmlElement original, SipMessage response) implements ImSessionEvent {}

  /** Our BYE was answered (any final response) or timed out. */
  record ByeDone() implements ImSessionEvent {}

  /** A timer from {@link ImSessionAction.StartTimer} fired. */
  record TimerFired(ImSessionAction.Timer timer) implements ImSessionEvent {}
}
