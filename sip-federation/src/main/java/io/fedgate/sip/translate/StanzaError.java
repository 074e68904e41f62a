package io.fedgate.sip.translate;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An XMPP stanza error (RFC 6120 §8.3): condition, type, optional {@code <text/>} and, for {@code
 * <gone/>}, the new address (an {@code xmpp:} URI).
 */
public record StanzaError(
    StanzaCondition condition, String type, Optional<String> text, Optional<String> goneAddress) {

  public static StanzaError of(StanzaCondition condition) {
    return new StanzaError(condition, condition.defaultType(), Optional.empty(), Optional.empty());
  }

  public StanzaError withText(String newText) {
    return new StanzaError(condition, type, Optional.ofNullable(newText), goneAddress);
  }

  /** {@code <error type='…'><condition xmlns='…stanzas'/>[<text/>]</error>} in jabber:client. */
  public XmlElement toElement() {
    XmlElement cond =
        goneAddress
            .map(
                a ->
                    new XmlElement(
                        Namespaces.STANZA_ERRORS, condition.elementName(), Map.of(), List.of(a)))
            .orElse(XmlElement.of(Namespaces.STANZA_ERRORS, condition.elementName()));
    XmlElement error =
        new XmlElement(Namespaces.CLIENT, "error", Map.of("type", type), List.of(cond));
    if (text.isPresent()) {
      error =
          error.withChild(
              new XmlElement(Namespaces.STANZA_ERRORS, "text", Map.of(), List.of(text.get())));
    }
    return error;
  }

  /** Reads the {@code <error/>} child of an error stanza; undefined-condition if unreadable. */
  public static StanzaError fromStanza(XmlElement stanza) {
    Optional<XmlElement> error =
        stanza.childElements().stream().filter(e -> e.name().equals("error")).findFirst();
    if (error.isEmpty()) {
      return of(StanzaCondition.UNDEFINED_CONDITION);
    }
    StanzaCondition condition = StanzaCondition.UNDEFINED_CONDITION;
    Optional<String> gone = Optional.empty();
    Optional<String> text = Optional.empty();
    for (XmlElement child : error.get().childElements()) {
      if (!Namespaces.STANZA_ERRORS.equals(child.namespace())) {
        continue;
      }
      if (child.name().equals("text")) {
        text = Optional.of(child.text());
        continue;
      }
      Optional<StanzaCondition> c = StanzaCondition.fromElementName(child.name());
      if (c.isPresent()) {
        condition = c.get();
        String address = child.text().strip();
        gone = address.isEmpty() ? Optional.empty() : Optional.of(address);
      }
    }
    String type = error.get().attribute("type").orElse(condition.defaultType());
    return new StanzaError(
        condition, type, text, condition == StanzaCondition.GONE ? gone : Optional.empty());
  }
}
