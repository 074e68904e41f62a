package io.fedgate.sip.translate;

import io.fedgate.core.stanza.XmlElement;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML body (PIDF, Lync categories, isComposing, KeyboardActivity, XHTML) into an {@link
 * XmlElement} with the JDK's StAX parser: no DTDs, no external entities, bounded depth and size.
 * Prefixed attributes keep their prefix ({@code xml:lang}, {@code xsi:type}).
 */
public final class XmlBodies {
  static final int MAX_BYTES = 64 * 1024;
  private static final int MAX_DEPTH = 32;

  /** Configured once; creating readers from a configured factory is thread-safe. */
  private static final XMLInputFactory FACTORY = factory();

  private XmlBodies() {}

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /** The document element, or empty when the bytes are not a well-formed, acceptable document. */
  public static Optional<XmlElement> parse(byte[] body) {
    if (body.length == 0 || body.length > MAX_BYTES) {
      return Optional.empty();
    }
    XMLStreamReader reader = null;
    try {
      reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
      return Optional.ofNullable(read(reader));
    } catch (XMLStreamException | RuntimeException e) {
      return Optional.empty();
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing held
        }
      }
    }
  }

  private record Partial(String ns, String name, Map<String, String> attrs, List<Object> kids) {}

  private static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
    Deque<Partial> open = new ArrayDeque<>();
    while (reader.hasNext()) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> {
          return null;
        }
        case XMLStreamConstants.START_ELEMENT -> {
          if (open.size() >= MAX_DEPTH) {
            return null;
          }
          Map<String, String> attrs = new LinkedHashMap<>();
          for (int i = 0; i < reader.getAttributeCount(); i++) {
            String prefix = reader.getAttributePrefix(i);
            String local = reader.getAttributeLocalName(i);
            attrs.put(
                prefix == null || prefix.isEmpty() ? local : prefix + ":" + local,
                reader.getAttributeValue(i));
          }
          String ns = reader.getNamespaceURI();
          open.push(
              new Partial(ns == null ? "" : ns, reader.getLocalName(), attrs, new ArrayList<>()));
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (!open.isEmpty()) {
            open.peek().kids().add(reader.getText());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          Partial done = open.pop();
          XmlElement element = new XmlElement(done.ns(), done.name(), done.attrs(), done.kids());
          if (open.isEmpty()) {
            return element;
          }
          open.peek().kids().add(element);
        }
        default -> {
          // comments, processing instructions, document start: nothing to keep
        }
      }
    }
    return null;
  }

  /** The first descendant (depth-first) with this namespace and local name. */
  public static Optional<XmlElement> find(XmlElement root, String namespace, String name) {
    for (XmlElement child : root.childElements()) {
      if (child.namespace().equals(namespace) && child.name().equals(name)) {
        return Optional.of(child);
      }
      Optional<XmlElement> deeper = find(child, namespace, name);
      if (deeper.isPresent()) {
        return deeper;
      }
    }
    return Optional.empty();
  }

  /** All descendants with this namespace and local name, in document order. */
  public static List<XmlElement> findAll(XmlElement root, String namespace, String name) {
    List<XmlElement> out = new ArrayList<>();
    for (XmlElement child : root.childElements()) {
      if (child.namespace().equals(namespace) && child.name().equals(name)) {
        out.add(child);
      }
      out.addAll(findAll(child, namespace, name));
    }
    return out;
  }

  /** All character data inside {@code element}, at any depth. */
  public static String deepText(XmlElement element) {
    StringBuilder sb = new StringBuilder();
    for (Object child : element.children()) {
      sb.append(child instanceof XmlElement e ? deepText(e) : (String) child);
    }
    return sb.toString();
  }
}
