package io.fedgate.sip.session;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stanzas the state machines emit, with attributes in a stable order (from, to, type). */
final class Presences {
  private Presences() {}

  static XmlElement stanza(String name, Jid from, Jid to, String type) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("from", from.toString());
    attrs.put("to", to.toString());
    attrs.put("type", type);
    return new XmlElement(Namespaces.CLIENT, name, attrs, List.of());
  }
}
