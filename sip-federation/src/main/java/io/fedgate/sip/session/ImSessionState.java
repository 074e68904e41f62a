package io.fedgate.sip.session;

import io.fedgate.core.stanza.XmlElement;
import java.time.Instant;
import java.util.List;

/**
 * The states of one Lync IM conversation {@code (local JID, remote bare JID)} (PROTOCOL.md §6.6):
 * idle (no dialog), inviting (INVITE sent, XMPP messages queued), established (dialog confirmed),
 * closing (BYE sent).
 */
public sealed interface ImSessionState
    permits ImSessionState.Idle,
        ImSessionState.Inviting,
        ImSessionState.Established,
        ImSessionState.Closing {

  /** No dialog; the next XMPP message opens one (re-INVITE after Lync closed an idle one). */
  record Idle() implements ImSessionState {}

  /**
   * INVITE sent with {@code first} embedded; {@code queued} are later XMPP messages, sent once the
   * dialog is confirmed or bounced if the INVITE fails.
   */
  record Inviting(XmlElement first, List<XmlElement> queued) implements ImSessionState {
    public Inviting {
      queued = List.copyOf(queued);
    }
  }

  /**
   * A confirmed dialog. {@code lastActivity} drives the idle clean-up; {@code remoteTypingSince} is
   * when the last typing notification from the SIP side arrived ({@link Instant#MIN} when the
   * remote user is not typing).
   */
  record Established(String callId, Instant lastActivity, Instant remoteTypingSince)
      implements ImSessionState {}

  /** BYE sent; the dialog is over for new messages (a new message opens a new one). */
  record Closing() implements ImSessionState {}
}
