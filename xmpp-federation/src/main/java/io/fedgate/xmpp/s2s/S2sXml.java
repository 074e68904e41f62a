package io.fedgate.xmpp.s2s;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.Xml;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.stream.StreamError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The XML of S2S negotiation (RFC 6120 §4-§6, XEP-0220, XEP-0178) and stanza namespaces. */
public final class S2sXml {
  /** XEP-0220: the {@code db:} namespace. */
  public static final String DIALBACK = "jabber:server:dialback";

  /** XEP-0220 §2.1: the stream feature advertising dialback (with error support). */
  public static final String DIALBACK_FEATURE = "urn:xmpp:features:dialback";

  private S2sXml() {}

  /** A stream header with the dialback prefix declared (PROTOCOL.md §7.1 step 3). */
  static String header(String from, Optional<String> to, Optional<String> id) {
    StringBuilder sb =
        new StringBuilder("<?xml version='1.0'?><stream:stream xmlns='")
            .append(Namespaces.SERVER)
            .append("' xmlns:stream='")
            .append(Namespaces.STREAMS)
            .append("' xmlns:db='")
            .append(DIALBACK)
            .append("' from='")
            .append(Xml.escape(from))
            .append('\'');
    to.ifPresent(t -> sb.append(" to='").append(Xml.escape(t)).append('\''));
    id.ifPresent(i -> sb.append(" id='").append(Xml.escape(i)).append('\''));
    return sb.append(" version='1.0'>").toString();
  }

  static String features(
      boolean starttls, boolean tlsRequired, boolean external, boolean dialback) {
    StringBuilder sb = new StringBuilder("<stream:features>");
    if (starttls) {
      sb.append("<starttls xmlns='").append(Namespaces.TLS).append('\'');
      sb.append(tlsRequired ? "><required/></starttls>" : "/>");
    }
    if (external) {
      sb.append("<mechanisms xmlns='")
          .append(Namespaces.SASL)
          .append("'><mechanism>EXTERNAL</mechanism></mechanisms>");
    }
    if (dialback) {
      sb.append("<dialback xmlns='").append(DIALBACK_FEATURE).append("'><errors/></dialback>");
    }
    return sb.append("</stream:features>").toString();
  }

  /**
   * A whole refused stream: our header (RFC 6120 §4.9.1.2: also when the peer's header was not
   * read), the stream error and the stream end.
   */
  public static String refusedStream(String from, StreamError error) {
    return header(from, Optional.empty(), Optional.empty()) + streamError(error);
  }

  static String streamError(StreamError error) {
    return error.toXml() + "</stream:stream>";
  }

  static String starttls() {
    return "<starttls xmlns='" + Namespaces.TLS + "'/>";
  }

  static String proceed() {
    return "<proceed xmlns='" + Namespaces.TLS + "'/>";
  }

  static String tlsFailure() {
    return "<failure xmlns='" + Namespaces.TLS + "'/></stream:stream>";
  }

  static String authExternal(String authzid) {
    return "<auth xmlns='"
        + Namespaces.SASL
        + "' mechanism='EXTERNAL'>"
        + java.util.Base64.getEncoder()
            .encodeToString(authzid.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + "</auth>";
  }

  static String saslSuccess() {
    return "<success xmlns='" + Namespaces.SASL + "'/>";
  }

  static String saslFailure(String condition, String text) {
    return "<failure xmlns='"
        + Namespaces.SASL
        + "'><"
        + condition
        + "/><text xml:lang='en'>"
        + Xml.escape(text)
        + "</text></failure>";
  }

  /** {@code db:result} or {@code db:verify}, a request (key, no type) or an answer (type). */
  static String dialback(
      String name,
      String from,
      String to,
      Optional<String> id,
      Optional<String> type,
      Optional<String> key,
      Optional<String> errorCondition) {
    StringBuilder sb =
        new StringBuilder("<db:")
            .append(name)
            .append(" from='")
            .append(Xml.escape(from))
            .append("' to='")
            .append(Xml.escape(to))
            .append('\'');
    id.ifPresent(i -> sb.append(" id='").append(Xml.escape(i)).append('\''));
    type.ifPresent(t -> sb.append(" type='").append(t).append('\''));
    if (key.isEmpty() && errorCondition.isEmpty()) {
      return sb.append("/>").toString();
    }
    sb.append('>');
    key.ifPresent(k -> sb.append(Xml.escape(k)));
    errorCondition.ifPresent(
        c ->
            sb.append("<error type='cancel'><")
                .append(c)
                .append(" xmlns='")
                .append(Namespaces.STANZA_ERRORS)
                .append("'/></error>"));
    return sb.append("</db:").append(name).append('>').toString();
  }

  /** Whether a first-level element is an RFC 6120 stanza. */
  static boolean isStanza(XmlElement element) {
    return (Namespaces.SERVER.equals(element.namespace())
            || Namespaces.CLIENT.equals(element.namespace()))
        && ("message".equals(element.name())
            || "presence".equals(element.name())
            || "iq".equals(element.name()));
  }

  /**
   * A {@code jabber:client} stanza serialized for an S2S stream (RFC 6120 §4.8.3: its content
   * namespace becomes {@code jabber:server}). When every {@code jabber:client} element sits under
   * another one (the usual stanza), it is written as if {@code jabber:client} were the default
   * namespace: those elements carry no {@code xmlns} and take the stream's default, {@code
   * jabber:server} — the same bytes as {@link #renamespace} and {@code toXml(jabber:server)},
   * without copying the stanza. Anything else goes through the copy.
   */
  public static String serverXml(XmlElement stanza) {
    if (Namespaces.CLIENT.equals(stanza.namespace()) && clientOnlyUnderClient(stanza, true)) {
      return stanza.toXml(Namespaces.CLIENT);
    }
    return renamespace(stanza, Namespaces.CLIENT, Namespaces.SERVER).toXml(Namespaces.SERVER);
  }

  private static boolean clientOnlyUnderClient(XmlElement element, boolean parentIsClient) {
    String namespace = element.namespace();
    boolean client = Namespaces.CLIENT.equals(namespace);
    if (Namespaces.SERVER.equals(namespace) || (client && !parentIsClient)) {
      return false;
    }
    for (XmlElement child : element.childElements()) {
      if (!clientOnlyUnderClient(child, client)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The stanza with every element in namespace {@code from} moved to {@code to} (children such as
   * {@code <body/>} inherit the content namespace, RFC 6120 §4.8.3), other namespaces untouched.
   */
  public static XmlElement renamespace(XmlElement element, String from, String to) {
    List<Object> children = new ArrayList<>();
    for (Object child : element.children()) {
      children.add(child instanceof XmlElement e ? renamespace(e, from, to) : child);
    }
    Map<String, String> attributes = new LinkedHashMap<>(element.attributes());
    String namespace = from.equals(element.namespace()) ? to : element.namespace();
    return new XmlElement(namespace, element.name(), attributes, children);
  }
}
