package io.fedgate.sip.translate;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;

/**
 * Instant messaging between SIP and XMPP (PROTOCOL.md §5-6): page mode (RFC 7572), Lync session
 * mode (INVITE {@code m=message … sip null} with the embedded first message, in-dialog MESSAGE),
 * typing (INFO KeyboardActivity, RFC 3994 isComposing) and XEP-0085 chat states, BYE and {@code
 * gone}. Pure functions; every result says what to send or why it is refused.
 */
public final class ImTranslator {
  private ImTranslator() {}

  // ---- SIP -> XMPP ----

  /**
   * An out-of-dialog MESSAGE (page mode) -> {@code <message/>} without type; an isComposing body ->
   * a chat state. The gateway answers the MESSAGE 200 OK on {@link Translation.Ok} and {@link
   * Translation.Ignored}, the refusal's status otherwise.
   */
  public static Translation<XmlElement> pageMessageToXmpp(SipMessage message) {
    return ImInbound.message(message, false);
  }

  /** An in-dialog MESSAGE (session mode) -> {@code <message type='chat'>}, thread = Call-ID. */
  public static Translation<XmlElement> sessionMessageToXmpp(SipMessage message) {
    return ImInbound.message(message, true);
  }

  /**
   * A session INVITE -> its embedded first message as {@code <message type='chat'>} (Ignored when
   * there is none; Refused 488 when the SDP is not an IM session). When Ok, answer the INVITE with
   * {@link #answerInvite} and {@code consumedFirstMessage = true}.
   */
  public static Translation<XmlElement> inviteToXmpp(SipMessage invite) {
    return ImInbound.invite(invite);
  }

  /** INFO (KeyboardActivity) or MESSAGE (isComposing) -> a chat-state message. */
  public static Translation<XmlElement> typingToXmpp(SipMessage request) {
    return ImInbound.typing(request);
  }

  /** BYE -> {@code <message type='chat'><gone/></message>} with the thread. */
  public static Translation<XmlElement> byeToXmpp(SipMessage bye) {
    return ImInbound.bye(bye);
  }

  /** Whether an INVITE opens a Lync IM session ({@code m=message … sip} in its SDP). */
  public static boolean isImSession(SipMessage invite) {
    return ImInbound.isImSession(invite);
  }

  /**
   * The 200 OK to a session INVITE (PROTOCOL.md §6.6 step 2): SDP whose m-line carries the
   * answering user's URI, and {@code Supported: ms-text-format} when the embedded first message was
   * delivered. The stack adds the To tag and Contact.
   */
  public static SipMessage answerInvite(
      SipMessage invite, String userUri, SessionOffer offer, boolean consumedFirstMessage) {
    SipMessage ok = SipMessage.responseTo(invite, 200, "OK");
    if (consumedFirstMessage) {
      ok = ok.addHeader("Supported", "ms-text-format");
    }
    return ok.withBody(
        "application/sdp",
        offer.answerSdp(userUri).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  // ---- XMPP -> SIP ----

  /**
   * {@code <message/>} -> page-mode MESSAGE (RFC 7572 §4). Refused with {@code policy-violation}
   * when the MESSAGE would exceed 1300 bytes (RFC 3428); Ignored without a body.
   */
  public static Translation<SipMessage> toPageMessage(XmlElement message) {
    return ImOutbound.page(message);
  }

  /** The first {@code <message/>} to a Lync user -> INVITE with {@code ms-text-format}. */
  public static Translation<SipMessage> toSessionInvite(XmlElement message, SessionOffer offer) {
    return ImOutbound.invite(message, offer);
  }

  /**
   * A {@code <message/>} inside an established session -> MESSAGE (body), INFO or isComposing
   * MESSAGE (typing), BYE ({@code gone}), or Ignored (a chat state the peer has no equivalent for).
   */
  public static Translation<SipMessage> toSessionRequest(
      XmlElement message, TypingDialect dialect) {
    return ImOutbound.inSession(message, dialect);
  }
}
