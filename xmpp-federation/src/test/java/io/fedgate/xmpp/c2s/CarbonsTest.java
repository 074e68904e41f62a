package io.fedgate.xmpp.c2s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** XEP-0280 §6-§7 eligibility, one row per rule. */
class CarbonsTest {

  @ParameterizedTest(name = "{0} with {1}: {2}")
  @CsvSource({
    "chat, body, true",
    "chat, none, true",
    "chat, chatstate, true",
    "normal, body, true",
    "normal, none, false",
    "normal, receipt, true",
    "normal, marker, true",
    "normal, other, false",
    ", body, true", // no type is normal (RFC 6121 §5.2.2)
    "groupchat, body, false",
    "error, body, false",
    "headline, body, false",
    "chat, private, false",
    "normal, private, false",
    "chat, no-copy, false",
    "chat, sent-copy, false",
  })
  void eligibility(String type, String payload, boolean eligible) {
    assertThat(Carbons.eligible(message(type, payload))).isEqualTo(eligible);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"presence", "iq"})
  void onlyMessagesAreCopied(String name) {
    assertThat(Carbons.eligible(new XmlElement(Namespaces.CLIENT, name, Map.of(), List.of())))
        .isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"chat", "normal"})
  void theCopyWrapsTheOriginalAndKeepsItsType(String type) {
    XmlElement copy =
        Carbons.copy(message(type, "body"), "sent", Jid.parse("a@example.com/r").orElseThrow());

    assertThat(copy.attribute("type")).contains(type);
    assertThat(copy.attribute("from")).contains("a@example.com");
    assertThat(Carbons.isCopy(copy)).isTrue();
    assertThat(Carbons.eligible(copy)).isFalse();
  }

  private static XmlElement message(String type, String payload) {
    List<Object> children = new ArrayList<>();
    switch (payload) {
      case "body" -> children.add(body());
      case "chatstate" ->
          children.add(XmlElement.of("http://jabber.org/protocol/chatstates", "active"));
      case "receipt" -> children.add(XmlElement.of("urn:xmpp:receipts", "request"));
      case "marker" -> children.add(XmlElement.of("urn:xmpp:chat-markers:0", "displayed"));
      case "other" -> children.add(XmlElement.of("urn:example:thing", "x"));
      case "private" -> {
        children.add(body());
        children.add(XmlElement.of(Carbons.NAMESPACE, "private"));
      }
      case "no-copy" -> {
        children.add(body());
        children.add(XmlElement.of("urn:xmpp:hints", "no-copy"));
      }
      case "sent-copy" -> children.add(XmlElement.of(Carbons.NAMESPACE, "sent"));
      default -> {}
    }
    Map<String, String> attributes =
        type == null ? Map.of("to", "b@example.com") : Map.of("to", "b@example.com", "type", type);
    return new XmlElement(Namespaces.CLIENT, "message", attributes, children);
  }

  private static XmlElement body() {
    return new XmlElement(Namespaces.CLIENT, "body", Map.of(), List.of("hi"));
  }
}
