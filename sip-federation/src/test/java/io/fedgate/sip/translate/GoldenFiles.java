package io.fedgate.sip.translate;

import io.fedgate.core.stanza.XmlElement;
import io.fedgate.sip.message.NameAddr;
import io.fedgate.sip.message.SipHeader;
import io.fedgate.sip.message.SipMessage;
import io.fedgate.sip.message.SipMessages;
import io.fedgate.sip.message.SipParse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loading and normalising golden files. SIP files are stored with LF line ends and converted to
 * CRLF; a Content-Length in the file is honoured (it decides whether the body ends with a line
 * break). Normalisation removes what the SIP stack, not the translator, decides: Via, Max-Forwards,
 * CSeq, Contact, Content-Length, the tag and epid parameters of From/To, Lync GRUU parameters of a
 * Request-URI, and Call-ID unless the expected file has one. XML is compared as element trees
 * (namespaces, names, attributes, children) with whitespace-only text dropped.
 */
final class GoldenFiles {
  private static final Set<String> STACK_HEADERS =
      Set.of("via", "max-forwards", "cseq", "contact", "content-length");

  static final String PLACEHOLDER_CALL_ID = "golden-placeholder";

  private GoldenFiles() {}

  /** The stanza with its top-level child elements in a canonical order (XMPP ignores it). */
  static XmlElement canonicalOrder(XmlElement stanza) {
    List<Object> kids = new ArrayList<>(stanza.children());
    kids.sort(
        java.util.Comparator.comparing(k -> k instanceof XmlElement e ? e.toXml() : (String) k));
    return new XmlElement(stanza.namespace(), stanza.name(), stanza.attributes(), kids);
  }

  /**
   * Reads a golden SIP file. Expected files may leave out what the stack adds (Via, CSeq, Call-ID);
   * placeholders are inserted for the parser and removed again by {@link #normalise}.
   */
  static SipMessage sip(byte[] file) {
    String text = new String(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    int firstLineEnd = text.indexOf('\n');
    String head =
        text.substring(0, Math.max(0, text.indexOf("\n\n")) + 1).toLowerCase(java.util.Locale.ROOT);
    String method = text.substring(0, text.indexOf(' '));
    StringBuilder placeholders = new StringBuilder();
    if (!head.contains("\nvia:")) {
      placeholders.append("Via: SIP/2.0/TLS stack.invalid;branch=z9hG4bK-golden\n");
    }
    if (!head.contains("\ncseq:")) {
      placeholders.append("CSeq: 1 ").append(method).append('\n');
    }
    if (!head.contains("\ncall-id:")) {
      placeholders.append("Call-ID: ").append(PLACEHOLDER_CALL_ID).append('\n');
    }
    text = text.substring(0, firstLineEnd + 1) + placeholders + text.substring(firstLineEnd + 1);
    text = text.replace("\n", "\r\n");
    SipParse parse = SipMessages.parse(text.getBytes(StandardCharsets.UTF_8));
    if (parse instanceof SipParse.Rejected r) {
      throw new IllegalArgumentException("golden SIP file does not parse: " + r);
    }
    return parse.message().orElseThrow();
  }

  static XmlElement xml(byte[] file) {
    return XmlBodies.parse(file)
        .map(GoldenFiles::trim)
        .orElseThrow(() -> new IllegalArgumentException("golden XML file does not parse"));
  }

  /** Drops whitespace-only text children and sorts attributes, recursively. */
  static XmlElement trim(XmlElement e) {
    List<Object> kids = new ArrayList<>();
    for (Object child : e.children()) {
      if (child instanceof XmlElement c) {
        kids.add(trim(c));
      } else if (!((String) child).isBlank() || e.childElements().isEmpty()) {
        kids.add(child);
      }
    }
    // adjacent text nodes (StAX may split) are joined
    List<Object> joined = new ArrayList<>();
    for (Object kid : kids) {
      int last = joined.size() - 1;
      if (kid instanceof String s && last >= 0 && joined.get(last) instanceof String prev) {
        joined.set(last, prev + s);
      } else {
        joined.add(kid);
      }
    }
    return new XmlElement(e.namespace(), e.name(), new java.util.TreeMap<>(e.attributes()), joined);
  }

  /** A comparable text form of a SIP message after normalisation. */
  static String normalise(SipMessage m, boolean keepCallId) {
    StringBuilder sb = new StringBuilder();
    sb.append(
            m.isRequest() ? m.method() + " " + stripGruu(m.requestUri().orElseThrow()) : m.status())
        .append('\n');
    List<String> headers = new ArrayList<>();
    for (SipHeader h : m.headers()) {
      String name = SipHeader.canonical(h.name());
      if (STACK_HEADERS.contains(name) || (name.equals("call-id") && !keepCallId)) {
        continue;
      }
      String value = h.value();
      if (name.equals("from") || name.equals("to")) {
        NameAddr a = NameAddr.parse(value).orElseThrow();
        Map<String, String> params = new LinkedHashMap<>(a.parameters());
        params.remove("tag");
        params.remove("epid");
        value = new NameAddr(a.displayName(), a.uri(), params).toString();
      }
      if (name.equals("content-type")) {
        value = value.replaceAll("\\s*;\\s*", "; ").replace("charset=utf-8", "charset=UTF-8");
      }
      headers.add(name + ": " + value);
    }
    headers.sort(String::compareTo);
    headers.forEach(h -> sb.append(h).append('\n'));
    return sb.toString();
  }

  private static String stripGruu(String uri) {
    return uri.replaceAll(";opaque=[^;]*", "")
        .replaceAll(";gruu", "")
        .replaceAll(";transport=[^;]*", "");
  }

  /** The body in comparable form: an XML tree, SDP lines, or text. */
  static Object body(SipMessage m) {
    String type = m.contentType().orElse("");
    if (m.body().length == 0) {
      return "";
    }
    if (type.contains("xml")) {
      return XmlBodies.parse(m.body())
          .map(GoldenFiles::trim)
          .map(Object.class::cast)
          .orElse("<unparseable XML>");
    }
    String text = new String(m.body(), StandardCharsets.UTF_8);
    if (type.equals("application/sdp")) {
      return List.of(text.strip().split("\\s*\r?\n"));
    }
    return text;
  }
}
