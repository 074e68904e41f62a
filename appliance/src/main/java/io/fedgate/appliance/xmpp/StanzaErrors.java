package io.fedgate.appliance.xmpp;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Error replies to stanzas (RFC 6120 §8.3): addresses swapped, {@code type='error'}. */
public final class StanzaErrors {
  private StanzaErrors() {}

  /**
   * @param condition an RFC 6120 §8.3.3 condition, e.g. {@code service-unavailable}
   * @param errorType {@code cancel}, {@code wait}, ... (§8.3.2)
   * @param domain the 'from' when the stanza had no 'to'
   */
  public static XmlElement reply(
      XmlElement stanza, String condition, String errorType, String domain) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("from", stanza.attribute("to").orElse(domain));
    stanza.attribute("from").ifPresent(from -> attributes.put("to", from));
    stanza.attribute("id").ifPresent(id -> attributes.put("id", id));
    attributes.put("type", "error");
    XmlElement error =
        new XmlElement(
            Namespaces.CLIENT,
            "error",
            Map.of("type", errorType),
            List.of(XmlElement.of(Namespaces.STANZA_ERRORS, condition)));
    return new XmlElement(Namespaces.CLIENT, stanza.name(), attributes, List.of(error));
  }
}
