package io.fedgate.sip.translate;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.message.SipMessages;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * XMPP -> SIP for IM. Produces the request with the headers that carry translated content (From,
 * To, Call-ID from the thread, Subject, Content-Language, Content-Type, the Lync first-message
 * headers) and the body; the SIP stack adds Via, Max-Forwards, CSeq, tags, Contact and, inside a
 * dialog, replaces Request-URI/From/To/Call-ID with the dialog's.
 */
final class ImOutbound {
  /** RFC 3428 §8: an out-of-session MESSAGE must stay under 1300 bytes. */
  static final int PAGE_MODE_LIMIT = 1300;

  /** Room left for the headers the stack adds (Via, Max-Forwards, CSeq, tags, Contact). */
  static final int STACK_HEADER_ALLOWANCE = 250;

  static final String TEXT_PLAIN = "text/plain; charset=UTF-8";
  static final String KEYBOARD_ACTIVITY =
      "<?xml version=\"1.0\"?><KeyboardActivity><status status=\"type\" /></KeyboardActivity>";

  private ImOutbound() {}

  private record Addresses(Jid from, Jid to, String fromUri, String toUri) {}

  private static Translation<Addresses> addresses(XmlElement stanza, boolean fromGruu) {
    Optional<Jid> from = Stanzas.jid(stanza, "from");
    Optional<Jid> to = Stanzas.jid(stanza, "to");
    if (from.isEmpty() || to.isEmpty()) {
      return Translation.refused(400, StanzaCondition.JID_MALFORMED, "missing-address");
    }
    return AddressMapping.toSipUri(from.get(), fromGruu)
        .flatMap(
            f ->
                AddressMapping.toSipUri(to.get(), true)
                    .map(t -> new Addresses(from.get(), to.get(), f, t)));
  }

  private static SipMessage request(String method, Addresses a, XmlElement stanza) {
    SipMessage m =
        SipMessage.request(method, a.toUri())
            .addHeader("From", "<" + a.fromUri() + ">")
            .addHeader("To", "<" + a.toUri() + ">");
    Optional<String> thread = Stanzas.childText(stanza, "thread").filter(ImOutbound::isCallId);
    if (thread.isPresent()) {
      m = m.addHeader("Call-ID", thread.get());
    }
    return m;
  }

  /**
   * RFC 7572 §4: page-mode MESSAGE; From = the bare JID's URI (an address of record), the sender's
   * resource as a GRUU ({@code ;gr=}) in the Contact, where RFC 5627 puts instance addresses.
   */
  static Translation<SipMessage> page(XmlElement message) {
    if ("error".equals(message.attribute("type").orElse(""))) {
      return Translation.ignored("errors are not relayed");
    }
    if ("groupchat".equals(message.attribute("type").orElse(""))) {
      return Translation.refused(405, StanzaCondition.FEATURE_NOT_IMPLEMENTED, "groupchat");
    }
    Optional<String> body = Stanzas.childText(message, "body");
    if (body.isEmpty()) {
      return Translation.ignored("no body (page mode carries no chat states)");
    }
    return addresses(message, false)
        .flatMap(
            a -> {
              SipMessage m = request("MESSAGE", a, message);
              if (!a.from().resource().isEmpty()) {
                Optional<String> gruu = AddressMapping.toSipUri(a.from(), true).asOptional();
                if (gruu.isPresent()) {
                  m = m.addHeader("Contact", "<" + gruu.get() + ">");
                }
              }
              Optional<String> subject = Stanzas.childText(message, "subject");
              if (subject.isPresent()) {
                m = m.addHeader("Subject", oneLine(subject.get()));
              }
              m = withLanguage(m, message).withBody(TEXT_PLAIN, utf8(body.get()));
              int size = SipMessages.serialize(m).length + STACK_HEADER_ALLOWANCE;
              return size > PAGE_MODE_LIMIT
                  ? Translation.refused(
                      413, StanzaCondition.POLICY_VIOLATION, "page-mode-too-large")
                  : Translation.ok(m);
            });
  }

  /**
   * PROTOCOL.md §6.6 / example C: the INVITE opening a Lync IM session, the message's body embedded
   * as {@code ms-text-format} (base64 UTF-8), SDP {@code m=message … sip null}.
   */
  static Translation<SipMessage> invite(XmlElement message, SessionOffer offer) {
    return addresses(message, false)
        .map(
            a -> {
              SipMessage m =
                  request("INVITE", a, message).addHeader("Supported", "ms-embedded-first-message");
              Optional<String> body = Stanzas.childText(message, "body");
              if (body.isPresent()) {
                m =
                    m.addHeader(
                        "ms-text-format",
                        TEXT_PLAIN
                            + "; ms-body="
                            + Base64.getEncoder().encodeToString(utf8(body.get())));
              }
              Optional<String> subject = Stanzas.childText(message, "subject");
              if (subject.isPresent()) {
                m = m.addHeader("Subject", oneLine(subject.get()));
              }
              return m.addHeader(
                      "ms-asserted-verification-level", "ms-source-verified-user=verified")
                  .addHeader(
                      "Allow",
                      "INVITE, ACK, CANCEL, BYE, MESSAGE, INFO, OPTIONS, SUBSCRIBE, NOTIFY")
                  .withBody("application/sdp", utf8(offer.offerSdp()));
            });
  }

  /**
   * A message inside an established session: body -> MESSAGE; else the chat state: composing ->
   * INFO KeyboardActivity (Lync) or isComposing active (RFC 3994); paused/active/inactive ->
   * nothing for Lync, isComposing idle for RFC 3994; gone -> BYE (RFC 7573 §7).
   */
  static Translation<SipMessage> inSession(XmlElement message, TypingDialect dialect) {
    Optional<String> body = Stanzas.childText(message, "body");
    Optional<String> state = Stanzas.chatStateOf(message);
    return addresses(message, false)
        .flatMap(
            a -> {
              if (body.isPresent()) {
                return Translation.ok(
                    withLanguage(request("MESSAGE", a, message), message)
                        .withBody(TEXT_PLAIN, utf8(body.get())));
              }
              if (state.isEmpty()) {
                return Translation.ignored("neither body nor chat state");
              }
              return chatState(state.get(), a, message, dialect);
            });
  }

  private static Translation<SipMessage> chatState(
      String state, Addresses a, XmlElement message, TypingDialect dialect) {
    if (state.equals("gone")) {
      return Translation.ok(request("BYE", a, message));
    }
    if (dialect == TypingDialect.LYNC_INFO) {
      return state.equals("composing")
          ? Translation.ok(
              request("INFO", a, message).withBody("application/xml", utf8(KEYBOARD_ACTIVITY)))
          : Translation.ignored("Lync has no equivalent of " + state);
    }
    String composing = state.equals("composing") ? "active" : "idle";
    String doc =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<isComposing xmlns=\""
            + ImInbound.ISCOMPOSING_NS
            + "\"><state>"
            + composing
            + "</state><contenttype>text/plain</contenttype></isComposing>";
    return Translation.ok(
        request("MESSAGE", a, message).withBody(ImInbound.ISCOMPOSING, utf8(doc)));
  }

  private static SipMessage withLanguage(SipMessage m, XmlElement stanza) {
    Optional<String> lang = stanza.attribute("xml:lang");
    return lang.isPresent() ? m.addHeader("Content-Language", lang.get()) : m;
  }

  /** RFC 3261 §25.1 Call-ID: word [ "@" word ]. */
  static boolean isCallId(String thread) {
    return thread.matches(
            "[A-Za-z0-9\\-.!%*_+`'~()<>:\\\\\"/\\[\\]?{}]+(@[A-Za-z0-9\\-.!%*_+`'~()<>:\\\\\"/\\[\\]?{}]+)?")
        && thread.length() <= 256;
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
