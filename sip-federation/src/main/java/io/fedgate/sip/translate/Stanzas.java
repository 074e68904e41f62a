package io.fedgate.sip.translate;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders and readers for jabber:client stanzas used by the translators. */
final class Stanzas {
  static final String CHATSTATES = "http://jabber.org/protocol/chatstates";

  private Stanzas() {}

  /** A stanza with from/to and, when not null, type. */
  static XmlElement stanza(String name, Jid from, Jid to, String type) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("from", from.toString());
    attrs.put("to", to.toString());
    if (type != null) {
      attrs.put("type", type);
    }
    return new XmlElement(Namespaces.CLIENT, name, attrs, List.of());
  }

  static XmlElement textChild(String name, String text) {
    return new XmlElement(Namespaces.CLIENT, name, Map.of(), List.of(text));
  }

  static XmlElement chatState(String state) {
    return XmlElement.of(CHATSTATES, state);
  }

  /** The text of a jabber:client child (e.g. body, subject, thread), if present. */
  static Optional<String> childText(XmlElement stanza, String name) {
    return stanza.childElements().stream()
        .filter(e -> e.name().equals(name) && isClientOrServer(e.namespace()))
        .findFirst()
        .map(XmlElement::text);
  }

  /** The XEP-0085 chat state child's name, if any. */
  static Optional<String> chatStateOf(XmlElement message) {
    return message.childElements().stream()
        .filter(e -> CHATSTATES.equals(e.namespace()))
        .map(XmlElement::name)
        .findFirst();
  }

  static boolean isClientOrServer(String ns) {
    return Namespaces.CLIENT.equals(ns) || Namespaces.SERVER.equals(ns);
  }

  static Optional<Jid> jid(XmlElement stanza, String attribute) {
    return stanza.attribute(attribute).flatMap(Jid::parse);
  }
}
