package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.util.List;
import java.util.Map;

/**
 * XEP-0280 Message Carbons: which messages are copied to a user's other resources and how the
 * copies look. Pure; the router decides where copies go ({@link ClientSession#carbonsEnabled}).
 */
public final class Carbons {
  public static final String NAMESPACE = "urn:xmpp:carbons:2";
  private static final String FORWARD = "urn:xmpp:forward:0";
  private static final String HINTS = "urn:xmpp:hints";

  private Carbons() {}

  /**
   * XEP-0280 §6: messages of type chat are eligible, unless marked {@code <private/>} (§7) or
   * {@code <no-copy/>} (XEP-0334), and never a carbon copy itself.
   */
  public static boolean eligible(XmlElement message) {
    if (!"message".equals(message.name())) {
      return false;
    }
    String type = message.attribute("type").orElse("normal");
    if (!type.equals("chat")) {
      return false;
    }
    return message.child(NAMESPACE, "private").isEmpty()
        && message.child(HINTS, "no-copy").isEmpty()
        && !isCopy(message);
  }

  /**
   * The copy for {@code to} (§5-§6): a message from the user's bare JID wrapping the original in
   * {@code <sent/>} or {@code <received/>} and a XEP-0297 {@code <forwarded/>}.
   *
   * @param direction {@code sent} or {@code received}
   */
  public static XmlElement copy(XmlElement message, String direction, Jid to) {
    XmlElement forwarded =
        new XmlElement(
            FORWARD, "forwarded", Map.of(), List.of(message.withNamespace(Namespaces.CLIENT)));
    XmlElement wrapper = new XmlElement(NAMESPACE, direction, Map.of(), List.of(forwarded));
    return new XmlElement(
        Namespaces.CLIENT,
        "message",
        Map.of(
            "from",
            to.bare().toString(),
            "to",
            to.toString(),
            "type",
            message.attribute("type").orElse("normal")),
        List.of(wrapper));
  }

  /** A {@code <sent/>} or {@code <received/>} copy made by {@link #copy}. */
  public static boolean isCopy(XmlElement message) {
    return message.child(NAMESPACE, "sent").isPresent()
        || message.child(NAMESPACE, "received").isPresent();
  }

  /** §7: a message without its {@code <private/>} marker (the same object when it has none). */
  public static XmlElement withoutPrivate(XmlElement message) {
    if (message.child(NAMESPACE, "private").isEmpty()) {
      return message;
    }
    return new XmlElement(
        message.namespace(),
        message.name(),
        message.attributes(),
        message.children().stream()
            .filter(c -> !(c instanceof XmlElement e && isPrivate(e)))
            .toList());
  }

  private static boolean isPrivate(XmlElement element) {
    return NAMESPACE.equals(element.namespace()) && "private".equals(element.name());
  }
}
