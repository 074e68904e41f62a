package io.fedgate.sip.translate;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.MediaType;
import io.fedgate.sip.message.SipHeader;
import io.fedgate.sip.message.SipMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** SIP -> XMPP for IM: MESSAGE, the INVITE's embedded first message, typing, BYE. */
final class ImInbound {
  static final String ISCOMPOSING = "application/im-iscomposing+xml";
  static final String ISCOMPOSING_NS = "urn:ietf:params:xml:ns:im-iscomposing";

  private ImInbound() {}

  /**
   * RFC 7572 §5 (page mode: no type, RFC 7572 "MUST have no type or normal") or RFC 7573 §6 /
   * PROTOCOL.md §6.6 (session mode: type chat); thread = Call-ID, subject, xml:lang, body.
   */
  static Translation<XmlElement> message(SipMessage message, boolean session) {
    String type = message.contentType().orElse("text/plain");
    if (type.equals(ISCOMPOSING) || type.equals("application/xml")) {
      return typing(message);
    }
    if (message.body().length == 0) {
      return Translation.ignored("MESSAGE without a body");
    }
    Optional<ImText> text =
        ImText.read(message.header("content-type").orElse("text/plain"), message.body());
    if (text.isEmpty()) {
      return new Translation.Refused<>(
          415,
          StanzaCondition.NOT_ACCEPTABLE,
          "unsupported-content-type",
          List.of(new SipHeader("Accept", ImText.ACCEPTED + ", " + ISCOMPOSING)));
    }
    return SipAddresses.of(message)
        .map(p -> build(message, p, session ? "chat" : null, text.get()));
  }

  private static XmlElement build(SipMessage m, SipAddresses.Pair p, String type, ImText text) {
    XmlElement out = Stanzas.stanza("message", p.from(), p.to(), type);
    Optional<String> lang = m.header("content-language");
    if (lang.isPresent()) {
      out = out.withAttribute("xml:lang", lang.get());
    }
    Optional<String> subject = m.header("subject");
    if (subject.isPresent()) {
      out = out.withChild(Stanzas.textChild("subject", subject.get()));
    }
    out = out.withChild(Stanzas.textChild("body", text.plain()));
    if (text.xhtml().isPresent()) {
      out = out.withChild(text.xhtml().get());
    }
    Optional<String> callId = m.header("call-id");
    if (callId.isPresent()) {
      out = out.withChild(Stanzas.textChild("thread", callId.get()));
    }
    return out;
  }

  /**
   * The first message embedded in a Lync session INVITE ({@code ms-im-format} preferred for the
   * XHTML, {@code ms-text-format} for the text); ignored when the INVITE carries none. An INVITE
   * whose SDP has no {@code m=message} line is not an IM session: 488 (PROTOCOL.md §6.6).
   */
  static Translation<XmlElement> invite(SipMessage invite) {
    if (!isImSession(invite)) {
      return Translation.refused(488, StanzaCondition.NOT_ACCEPTABLE, "not-an-im-session");
    }
    Optional<ImText> plain = invite.header("ms-text-format").flatMap(ImInbound::embedded);
    Optional<ImText> rich =
        invite.headerLines("ms-im-format").stream()
            .map(ImInbound::embedded)
            .flatMap(Optional::stream)
            .filter(t -> t.xhtml().isPresent())
            .findFirst()
            .or(() -> invite.header("ms-im-format").flatMap(ImInbound::embedded));
    Optional<ImText> text =
        plain.map(p -> new ImText(p.plain(), rich.flatMap(ImText::xhtml))).or(() -> rich);
    if (text.isEmpty() || text.get().plain().isEmpty()) {
      return Translation.ignored("INVITE without an embedded first message");
    }
    return SipAddresses.of(invite).map(p -> build(invite, p, "chat", text.get()));
  }

  /** Whether the SDP offers {@code m=message … sip …} (Lync's SIP-as-media IM session). */
  static boolean isImSession(SipMessage invite) {
    if (!invite.contentType().map("application/sdp"::equals).orElse(false)) {
      return false;
    }
    for (String line : new String(invite.body(), StandardCharsets.UTF_8).split("\r?\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 3 && f[0].equals("m=message") && f[2].equalsIgnoreCase("sip")) {
        return true;
      }
    }
    return false;
  }

  private static Optional<ImText> embedded(String headerValue) {
    MediaType type = MediaType.parse(headerValue);
    Optional<String> body = type.parameter("ms-body");
    if (body.isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(body.get());
      return ImText.read(headerValue, bytes);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  /**
   * Typing (PROTOCOL.md §5.2, §6.4): Lync INFO {@code <KeyboardActivity><status status="type"/>} ->
   * composing; RFC 3994 isComposing {@code active} -> composing, {@code idle} -> active.
   */
  static Translation<XmlElement> typing(SipMessage request) {
    Optional<XmlElement> doc = XmlBodies.parse(request.body());
    if (doc.isEmpty()) {
      return Translation.refused(400, StanzaCondition.BAD_REQUEST, "bad-typing-document");
    }
    String state;
    XmlElement root = doc.get();
    if (root.name().equals("KeyboardActivity")) {
      Optional<String> status =
          root.childElements().stream()
              .filter(e -> e.name().equals("status"))
              .findFirst()
              .flatMap(e -> e.attribute("status"));
      if (status.map("type"::equals).orElse(false)) {
        state = "composing";
      } else {
        return Translation.ignored("KeyboardActivity without status=type");
      }
    } else if (root.name().equals("isComposing") && root.namespace().equals(ISCOMPOSING_NS)) {
      String value = root.child(ISCOMPOSING_NS, "state").map(XmlElement::text).orElse("").strip();
      state = value.equals("active") ? "composing" : "active";
    } else {
      return Translation.refused(415, StanzaCondition.NOT_ACCEPTABLE, "unsupported-info");
    }
    return SipAddresses.of(request)
        .map(
            p ->
                Stanzas.stanza("message", p.from(), p.to(), "chat")
                    .withChild(Stanzas.chatState(state))
                    .withChild(Stanzas.textChild("thread", request.header("call-id").orElse(""))));
  }

  /** BYE -> {@code <gone/>} (RFC 7573 §7; PROTOCOL.md §6.6). */
  static Translation<XmlElement> bye(SipMessage bye) {
    return SipAddresses.of(bye)
        .map(
            p -> {
              XmlElement gone =
                  Stanzas.stanza("message", p.from(), p.to(), "chat")
                      .withChild(Stanzas.chatState("gone"));
              Optional<String> callId = bye.header("call-id");
              return callId.isPresent()
                  ? gone.withChild(Stanzas.textChild("thread", callId.get()))
                  : gone;
            });
  }
}
