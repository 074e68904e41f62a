package io.fedgate.xmpp.aalto;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import io.fedgate.xmpp.stream.StreamEvent;
import io.fedgate.xmpp.stream.StreamHeader;
import io.fedgate.xmpp.stream.StreamLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/** Builds stream events from the StAX events of {@link AsyncStreamParser}'s reader. */
final class ElementAssembler {
  private final XMLStreamReader reader;
  private final StreamLimits limits;
  private final String contentNamespace;
  private final Deque<Partial> open = new ArrayDeque<>();
  private int depth;

  private record Partial(
      String namespace, String name, Map<String, String> attributes, List<Object> children) {}

  ElementAssembler(XMLStreamReader reader, StreamLimits limits, String contentNamespace) {
    this.reader = reader;
    this.limits = limits;
    this.contentNamespace = contentNamespace;
  }

  int depth() {
    return depth;
  }

  /** The event completed by this StAX event, or null. */
  StreamEvent on(int type) {
    return switch (type) {
      case XMLStreamConstants.START_ELEMENT -> start();
      case XMLStreamConstants.END_ELEMENT -> end();
      case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
          text();
      case XMLStreamConstants.DTD -> failed(StreamErrorCondition.RESTRICTED_XML, "DTD refused");
      case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
          failed(StreamErrorCondition.RESTRICTED_XML, "entity reference refused");
      case XMLStreamConstants.PROCESSING_INSTRUCTION ->
          failed(StreamErrorCondition.RESTRICTED_XML, "processing instruction refused");
      case XMLStreamConstants.COMMENT ->
          failed(StreamErrorCondition.RESTRICTED_XML, "comment refused");
      case XMLStreamConstants.START_DOCUMENT -> checkEncoding();
      default -> null;
    };
  }

  private StreamEvent start() {
    depth++;
    if (depth == 1) {
      return header();
    }
    if (depth - 1 > limits.maxDepth()) {
      return failed(StreamErrorCondition.POLICY_VIOLATION, "elements nested too deep");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      String value = reader.getAttributeValue(i);
      if (value.length() > limits.maxAttributeChars()) {
        return failed(StreamErrorCondition.POLICY_VIOLATION, "attribute value too long");
      }
      String prefix = reader.getAttributePrefix(i);
      String local = reader.getAttributeLocalName(i);
      attributes.put(prefix == null || prefix.isEmpty() ? local : prefix + ":" + local, value);
    }
    String ns = reader.getNamespaceURI();
    open.push(
        new Partial(ns == null ? "" : ns, reader.getLocalName(), attributes, new ArrayList<>()));
    return null;
  }

  private StreamEvent header() {
    if (!Namespaces.STREAMS.equals(reader.getNamespaceURI())
        || !"stream".equals(reader.getLocalName())) {
      return failed(StreamErrorCondition.INVALID_NAMESPACE, "expected a stream:stream header");
    }
    String declared = reader.getNamespaceContext().getNamespaceURI("");
    if (!contentNamespace.equals(declared)) {
      return failed(
          StreamErrorCondition.INVALID_NAMESPACE, "content namespace must be " + contentNamespace);
    }
    String version = Optional.ofNullable(reader.getAttributeValue(null, "version")).orElse("");
    if (!version.matches("[1-9][0-9]*\\.[0-9]+")) {
      return failed(StreamErrorCondition.UNSUPPORTED_VERSION, "version 1.0 required");
    }
    return new StreamEvent.Opened(
        new StreamHeader(
            attribute("to"),
            attribute("from"),
            version,
            Optional.ofNullable(
                reader.getAttributeValue("http://www.w3.org/XML/1998/namespace", "lang")),
            attribute("id")));
  }

  private Optional<String> attribute(String name) {
    return Optional.ofNullable(reader.getAttributeValue(null, name));
  }

  private StreamEvent end() {
    depth--;
    if (depth == 0) {
      return new StreamEvent.Closed();
    }
    Partial done = open.pop();
    XmlElement element = new XmlElement(done.namespace, done.name, done.attributes, done.children);
    if (open.isEmpty()) {
      return new StreamEvent.Element(element);
    }
    open.peek().children.add(element);
    return null;
  }

  private StreamEvent text() {
    String text = reader.getText();
    if (open.isEmpty()) {
      return text.isBlank()
          ? null
          : failed(StreamErrorCondition.BAD_FORMAT, "character data between stanzas");
    }
    open.peek().children.add(text);
    return null;
  }

  private StreamEvent checkEncoding() {
    String encoding = reader.getCharacterEncodingScheme();
    if (encoding != null && !"UTF-8".equalsIgnoreCase(encoding)) {
      return failed(StreamErrorCondition.UNSUPPORTED_ENCODING, "only UTF-8 is supported");
    }
    return null;
  }

  private static StreamEvent failed(StreamErrorCondition condition, String text) {
    return new StreamEvent.Failed(new StreamError(condition, text));
  }
}
