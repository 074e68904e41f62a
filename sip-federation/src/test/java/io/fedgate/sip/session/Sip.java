package io.fedgate.sip.session;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.message.SipMessages;
import io.fedgate.sip.translate.XmlBodies;
import java.nio.charset.StandardCharsets;

/** Test helpers: SIP text and stanza text to records. */
final class Sip {
  private Sip() {}

  /** Parses SIP text written with LF line ends; the body is everything after the blank line. */
  static SipMessage parse(String text) {
    String crlf = text.replace("\n", "\r\n");
    return SipMessages.parse(crlf.getBytes(StandardCharsets.UTF_8)).message().orElseThrow();
  }

  static XmlElement xml(String text) {
    return XmlBodies.parse(text.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  static String body(SipMessage m) {
    return new String(m.body(), StandardCharsets.UTF_8);
  }
}
