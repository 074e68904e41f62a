package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.Xml;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.sasl.SaslFailure;
import io.fedgate.xmpp.stream.StreamError;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The XML the server writes during negotiation (RFC 6120 §4-§7). */
final class Replies {
  private Replies() {}

  /** The response stream header (RFC 6120 §4.7), with a fresh stream id. */
  static String header(String domain, String streamId) {
    return "<?xml version='1.0'?><stream:stream xmlns='"
        + Namespaces.CLIENT
        + "' xmlns:stream='"
        + Namespaces.STREAMS
        + "' from='"
        + Xml.escape(domain)
        + "' id='"
        + streamId
        + "' version='1.0' xml:lang='en'>";
  }

  static String streamError(StreamError error) {
    return error.toXml() + "</stream:stream>";
  }

  static String startTlsFeatures() {
    return "<stream:features><starttls xmlns='"
        + Namespaces.TLS
        + "'><required/></starttls></stream:features>";
  }

  static String proceed() {
    return "<proceed xmlns='" + Namespaces.TLS + "'/>";
  }

  /** SASL mechanisms, with an optional (not required) STARTTLS offer before TLS (§5.3.1). */
  static String mechanismFeatures(List<String> mechanisms, boolean offerTls) {
    StringBuilder sb = new StringBuilder("<stream:features>");
    if (offerTls) {
      sb.append("<starttls xmlns='").append(Namespaces.TLS).append("'/>");
    }
    sb.append("<mechanisms xmlns='").append(Namespaces.SASL).append("'>");
    mechanisms.forEach(m -> sb.append("<mechanism>").append(m).append("</mechanism>"));
    return sb.append("</mechanisms></stream:features>").toString();
  }

  /**
   * Resource binding, XEP-0198 stream management (enable after binding, or resume instead of it)
   * and RFC 6121 §2.6.1 roster versioning (the router's rosters support it).
   */
  static String bindFeatures() {
    return "<stream:features><bind xmlns='"
        + Namespaces.BIND
        + "'/><sm xmlns='"
        + StreamManagement.NAMESPACE
        + "'/><ver xmlns='"
        + Namespaces.ROSTER_VERSIONING
        + "'/></stream:features>";
  }

  /** XEP-0198 §3/§5: {@code <failed/>} with a stanza error condition. */
  static String smFailed(String condition) {
    return "<failed xmlns='"
        + StreamManagement.NAMESPACE
        + "'><"
        + condition
        + " xmlns='"
        + Namespaces.STANZA_ERRORS
        + "'/></failed>";
  }

  static String challenge(byte[] data) {
    return saslData("challenge", data);
  }

  static String success(byte[] data) {
    return saslData("success", data);
  }

  static String failure(SaslFailure condition, String text) {
    return "<failure xmlns='"
        + Namespaces.SASL
        + "'><"
        + condition.elementName()
        + "/><text xml:lang='en'>"
        + Xml.escape(text)
        + "</text></failure>";
  }

  private static String saslData(String name, byte[] data) {
    String body = data.length == 0 ? "" : Base64.getEncoder().encodeToString(data);
    return "<" + name + " xmlns='" + Namespaces.SASL + "'>" + body + "</" + name + ">";
  }

  static XmlElement iqResult(String id, String to, String from) {
    return new XmlElement(
        Namespaces.CLIENT,
        "iq",
        Map.of("type", "result", "id", id, "to", to, "from", from),
        List.of());
  }

  /** An IQ error of RFC 6120 §8.3 with the given type and condition. */
  static XmlElement iqError(XmlElement request, String to, String type, String condition) {
    XmlElement error =
        new XmlElement(
            Namespaces.CLIENT,
            "error",
            Map.of("type", type),
            List.of(XmlElement.of(Namespaces.STANZA_ERRORS, condition)));
    return new XmlElement(
            Namespaces.CLIENT,
            "iq",
            Map.of("type", "error", "id", request.attribute("id").orElse(""), "to", to),
            List.of(error))
        .withAttribute("from", request.attribute("to").orElse(null));
  }

  /**
   * A stanza error of RFC 6120 §8.3 for any stanza kind, from {@code from} (here the server: the
   * request's 'to' may be what is wrong with it).
   */
  static XmlElement stanzaError(
      XmlElement request, String to, String from, String type, String condition) {
    XmlElement error =
        new XmlElement(
            Namespaces.CLIENT,
            "error",
            Map.of("type", type),
            List.of(XmlElement.of(Namespaces.STANZA_ERRORS, condition)));
    return new XmlElement(
            Namespaces.CLIENT,
            request.name(),
            Map.of("type", "error", "to", to, "from", from),
            List.of(error))
        .withAttribute("id", request.attribute("id").orElse(null));
  }
}
