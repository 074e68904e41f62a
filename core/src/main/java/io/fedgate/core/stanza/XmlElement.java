package io.fedgate.core.stanza;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable XML element as read from or written to an XMPP stream: a namespace, a local name,
 * unprefixed attributes and children that are either elements or text. This is the neutral stanza
 * form of this module (see ADR 0008 for why it is not Tinder's {@code Packet}).
 *
 * @param namespace the element's namespace URI ({@code ""} when none)
 * @param name the local name
 * @param attributes attribute local names to values, in document order
 * @param children {@link XmlElement} or {@link String} (character data)
 */
public record XmlElement(
    String namespace, String name, Map<String, String> attributes, List<Object> children) {

  public XmlElement {
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    children = List.copyOf(children);
    for (Object child : children) {
      if (!(child instanceof XmlElement) && !(child instanceof String)) {
        throw new IllegalArgumentException("child must be an element or text: " + child);
      }
    }
  }

  /** An element without attributes or children. */
  public static XmlElement of(String namespace, String name) {
    return new XmlElement(namespace, name, Map.of(), List.of());
  }

  public Optional<String> attribute(String attributeName) {
    return Optional.ofNullable(attributes.get(attributeName));
  }

  /** The first child element with this namespace and name. */
  public Optional<XmlElement> child(String childNamespace, String childName) {
    return childElements().stream()
        .filter(e -> e.namespace.equals(childNamespace) && e.name.equals(childName))
        .findFirst();
  }

  public List<XmlElement> childElements() {
    List<XmlElement> out = new ArrayList<>();
    for (Object child : children) {
      if (child instanceof XmlElement e) {
        out.add(e);
      }
    }
    return out;
  }

  /** All character data directly inside this element. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Object child : children) {
      if (child instanceof String s) {
        sb.append(s);
      }
    }
    return sb.toString();
  }

  public XmlElement withAttribute(String attributeName, String value) {
    Map<String, String> copy = new LinkedHashMap<>(attributes);
    if (value == null) {
      copy.remove(attributeName);
    } else {
      copy.put(attributeName, value);
    }
    return new XmlElement(namespace, name, copy, children);
  }

  /** The same element in another namespace (its children keep theirs). */
  public XmlElement withNamespace(String newNamespace) {
    return new XmlElement(newNamespace, name, attributes, children);
  }

  public XmlElement withChild(Object child) {
    List<Object> copy = new ArrayList<>(children);
    copy.add(child);
    return new XmlElement(namespace, name, attributes, copy);
  }

  /** Serialises with {@code xmlns} declared wherever it differs from {@code parentNamespace}. */
  public String toXml(String parentNamespace) {
    StringBuilder sb = new StringBuilder();
    write(sb, parentNamespace);
    return sb.toString();
  }

  /** Serialises with the namespace always declared on this element. */
  public String toXml() {
    return toXml(null);
  }

  private void write(StringBuilder sb, String parentNamespace) {
    sb.append('<').append(name);
    if (!namespace.equals(parentNamespace)) {
      sb.append(" xmlns='").append(Xml.escape(namespace)).append('\'');
    }
    attributes.forEach(
        (k, v) -> sb.append(' ').append(k).append("='").append(Xml.escape(v)).append('\''));
    if (children.isEmpty()) {
      sb.append("/>");
      return;
    }
    sb.append('>');
    for (Object child : children) {
      if (child instanceof XmlElement e) {
        e.write(sb, namespace);
      } else {
        sb.append(Xml.escape((String) child));
      }
    }
    sb.append("</").append(name).append('>');
  }

  @Override
  public String toString() {
    // Bodies must never reach logs above DEBUG: toString names the element only.
    return "<" + name + " xmlns='" + namespace + "' " + attributes.keySet() + ">";
  }
}
