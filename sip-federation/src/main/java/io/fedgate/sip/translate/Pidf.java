package io.fedgate.sip.translate;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** PIDF (RFC 3863) with RPID (RFC 4480) and the {@code jabber:client} show, per RFC 8048 §4. */
final class Pidf {
  static final String PIDF = "urn:ietf:params:xml:ns:pidf";
  static final String DM = "urn:ietf:params:xml:ns:pidf:data-model";
  static final String RPID = "urn:ietf:params:xml:ns:pidf:rpid";
  static final String CONTENT_TYPE = "application/pidf+xml";

  private Pidf() {}

  // ---- reading (RFC 8048 Table 2) ----

  static Optional<PresenceView> read(XmlElement root) {
    if (!root.namespace().equals(PIDF) || !root.name().equals("presence")) {
      return Optional.empty();
    }
    List<PresenceView> tuples = new ArrayList<>();
    for (XmlElement tuple : root.childElements()) {
      if (tuple.namespace().equals(PIDF) && tuple.name().equals("tuple")) {
        tuples.add(tuple(tuple, root));
      }
    }
    if (tuples.isEmpty()) {
      // a document without tuples says nothing about reachability: unknown => closed (RFC 8048)
      return Optional.of(
          new PresenceView(
              false, Optional.empty(), personNote(root), OptionalInt.empty(), Optional.empty()));
    }
    // several tuples: the most available one, as a SIP UA would show it
    return tuples.stream()
        .max(
            Comparator.comparing(PresenceView::available)
                .thenComparing(v -> v.show().isEmpty() || v.show().get().equals("chat"))
                .thenComparing(v -> v.priority().orElse(0)));
  }

  private static PresenceView tuple(XmlElement tuple, XmlElement root) {
    Optional<XmlElement> status = tuple.child(PIDF, "status");
    boolean open =
        status
            .flatMap(s -> s.child(PIDF, "basic"))
            .map(b -> b.text().strip())
            .orElse("")
            .equals("open");
    Optional<String> show =
        XmlBodies.find(tuple, Namespaces.CLIENT, "show")
            .map(s -> s.text().strip())
            .filter(s -> List.of("away", "chat", "dnd", "xa").contains(s))
            .or(() -> rpidShow(tuple))
            .or(() -> rpidShow(root));
    Optional<String> note =
        tuple.child(PIDF, "note").map(XmlElement::text).or(() -> personNote(root));
    OptionalInt priority = OptionalInt.empty();
    Optional<String> q = tuple.child(PIDF, "contact").flatMap(c -> c.attribute("priority"));
    if (q.isPresent() && q.get().matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
      priority = OptionalInt.of((int) Math.round(Double.parseDouble(q.get()) * 127));
    }
    return new PresenceView(
        open, open ? show : Optional.empty(), note.map(String::strip), priority, Optional.empty());
  }

  private static Optional<String> personNote(XmlElement root) {
    return XmlBodies.find(root, DM, "note")
        .map(XmlElement::text)
        .map(String::strip)
        .or(() -> root.child(PIDF, "note").map(n -> n.text().strip()));
  }

  /** RPID activities (RFC 4480 §3.2) -> show: away, busy-like -> dnd, vacation/sleeping -> xa. */
  private static Optional<String> rpidShow(XmlElement scope) {
    Optional<XmlElement> activities = XmlBodies.find(scope, RPID, "activities");
    if (activities.isEmpty()) {
      return Optional.empty();
    }
    for (XmlElement a : activities.get().childElements()) {
      switch (a.name()) {
        case "away", "steering", "travel":
          return Optional.of("away");
        case "busy", "meeting", "on-the-phone", "performance", "presentation":
          return Optional.of("dnd");
        case "vacation", "sleeping", "holiday":
          return Optional.of("xa");
        default:
          break;
      }
    }
    return Optional.empty();
  }

  // ---- writing (RFC 8048 Table 1, PROTOCOL.md §4.4, example B) ----

  static byte[] write(PresenceView view, String entityUri, String resource, String user) {
    XmlElement status =
        el(PIDF, "status").withChild(text(PIDF, "basic", view.available() ? "open" : "closed"));
    if (view.available() && view.show().isPresent()) {
      status = status.withChild(text(Namespaces.CLIENT, "show", view.show().get()));
    }
    XmlElement tuple =
        new XmlElement(PIDF, "tuple", Map.of("id", tupleId(resource)), List.of(status));
    XmlElement contact = text(PIDF, "contact", entityUri);
    if (view.available() && view.priority().isPresent() && view.priority().getAsInt() >= 0) {
      contact = contact.withAttribute("priority", priority(view.priority().getAsInt()));
    }
    tuple = tuple.withChild(contact);
    if (view.status().isPresent()) {
      tuple = tuple.withChild(text(PIDF, "note", view.status().get()));
    }
    XmlElement root = new XmlElement(PIDF, "presence", Map.of("entity", entityUri), List.of(tuple));
    Optional<String> activity =
        view.available() ? view.show().flatMap(Pidf::rpidActivity) : Optional.empty();
    if (activity.isPresent()) {
      // the status text stays in the tuple <note/> only, as in PROTOCOL.md §6.9 example B
      XmlElement person =
          new XmlElement(DM, "person", Map.of("id", "p-" + ncName(user)), List.of())
              .withChild(el(RPID, "activities").withChild(el(RPID, activity.get())));
      root = root.withChild(person);
    }
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" + root.toXml() + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<String> rpidActivity(String show) {
    return switch (show) {
      case "away", "xa" -> Optional.of("away");
      case "dnd" -> Optional.of("busy");
      default -> Optional.empty();
    };
  }

  /** RFC 8048 §4.4: 0 -> 0, 127 -> 1, linear, at most 3 decimals (truncated: 1 -> 0.007). */
  static String priority(int xmppPriority) {
    int p = Math.min(127, Math.max(0, xmppPriority));
    BigDecimal q = BigDecimal.valueOf(p).divide(BigDecimal.valueOf(127), 3, RoundingMode.DOWN);
    return q.stripTrailingZeros().toPlainString();
  }

  /**
   * RFC 8048: the tuple id is the resource prefixed with "ID-" (xs:ID must not start with a digit).
   */
  static String tupleId(String resource) {
    return "ID-" + ncName(resource.isEmpty() ? "default" : resource);
  }

  private static String ncName(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
    }
    return sb.toString();
  }

  private static XmlElement el(String ns, String name) {
    return XmlElement.of(ns, name);
  }

  private static XmlElement text(String ns, String name, String value) {
    return new XmlElement(ns, name, Map.of(), List.of(value));
  }
}
