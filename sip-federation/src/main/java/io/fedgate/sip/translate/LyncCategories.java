package io.fedgate.sip.translate;

import io.fedgate.core.stanza.XmlElement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Lync enhanced presence ({@code application/msrtc-event-categories+xml}, PROTOCOL.md §6.5): the
 * {@code state} category's availability number mapped by the Lync 2013 ranges of §4.4, the {@code
 * note} category as the status text.
 */
final class LyncCategories {
  static final String CATEGORIES = "http://schemas.microsoft.com/2006/09/sip/categories";
  static final String STATE = "http://schemas.microsoft.com/2006/09/sip/state";
  static final String NOTE = "http://schemas.microsoft.com/2006/03/unifiedcommunications/note";
  static final String CONTENT_TYPE = "application/msrtc-event-categories+xml";

  private LyncCategories() {}

  /** Empty when the document has no usable state category. */
  static Optional<PresenceView> read(XmlElement root) {
    if (!root.name().equals("categories") || !root.namespace().equals(CATEGORIES)) {
      return Optional.empty();
    }
    List<XmlElement> states = XmlBodies.findAll(root, STATE, "state");
    Optional<XmlElement> state =
        states.stream()
            .filter(
                s -> s.attribute("xsi:type").map(t -> t.endsWith("aggregateState")).orElse(false))
            .findFirst()
            .or(() -> states.stream().findFirst());
    Optional<Integer> availability =
        state
            .flatMap(s -> s.child(STATE, "availability"))
            .map(a -> a.text().strip())
            .filter(a -> a.matches("\\d{1,9}"))
            .map(Integer::parseInt);
    if (availability.isEmpty()) {
      return Optional.empty();
    }
    int a = availability.get();
    boolean offWork = state.map(LyncCategories::offWork).orElse(false);
    Optional<String> show = show(a, offWork);
    return Optional.of(
        new PresenceView(a < 18000, show, note(root), OptionalInt.empty(), Optional.empty()));
  }

  /** PROTOCOL.md §4.4 Lync ranges (Lync 2013 state schema). */
  static Optional<String> show(int availability, boolean offWork) {
    if (availability < 4500 || availability >= 18000) {
      return Optional.empty();
    }
    if (availability < 6000) {
      return Optional.of("away"); // Available-Idle
    }
    if (availability < 12000) {
      return Optional.of("dnd"); // Busy, Busy-Idle, Do Not Disturb (XMPP dnd = busy, RFC 8048)
    }
    if (availability < 15000) {
      return Optional.of("away"); // Be Right Back
    }
    return Optional.of(offWork ? "xa" : "away"); // Away; Off Work / out of office -> xa
  }

  private static boolean offWork(XmlElement state) {
    return XmlBodies.findAll(state, STATE, "activity").stream()
        .map(a -> a.attribute("token").orElse(XmlBodies.deepText(a)).toLowerCase(Locale.ROOT))
        .anyMatch(t -> t.contains("off-work") || t.contains("outofoffice") || t.contains("oof"));
  }

  private static Optional<String> note(XmlElement root) {
    List<XmlElement> bodies = XmlBodies.findAll(root, NOTE, "body");
    return bodies.stream()
        .filter(b -> b.attribute("type").map("personal"::equals).orElse(false))
        .findFirst()
        .or(() -> bodies.stream().findFirst())
        .map(b -> b.text().strip())
        .filter(s -> !s.isEmpty());
  }
}
