package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * XEP-0280 Message Carbons: which messages are copied to a user's other resources and how the
 * copies look. Pure; the router decides where copies go ({@link ClientSession#carbonsEnabled}).
 */
public final class Carbons {
  public static final String NAMESPACE = "urn:xmpp:carbons:2";
  private static final String FORWARD = "urn:xmpp:forward:0";
  private static final String HINTS = "urn:xmpp:hints";

  private Carbons() {}

  private static final Set<String> STANZA_NAMESPACES = Set.of(Namespaces.CLIENT, Namespaces.SERVER);

  /** XEP-0085 chat states, XEP-0184 receipts, XEP-0333 markers: payloads "typically used in IM". */
  private static final Set<String> IM_PAYLOADS =
      Set.of(
          "http://jabber.org/protocol/chatstates", "urn:xmpp:receipts", "urn:xmpp:chat-markers:0");

  /**
   * XEP-0280 §6: a message is eligible when it is of type chat, or of type normal with a body or an
   * IM payload (chat state, receipt, marker); never groupchat, error or headline; never when marked
   * {@code <private/>} (§7) or {@code <no-copy/>} (XEP-0334 §4), and never a carbon copy itself.
   * (Errors answering an eligible message are not copied: §6 allows it, but the router does not
   * track what each error answers.)
   */
  public static boolean eligible(XmlElement message) {
    if (!"message".equals(message.name())
        || message.child(NAMESPACE, "private").isPresent()
        || message.child(HINTS, "no-copy").isPresent()
        || isCopy(message)) {
      return false;
    }
    String type = message.attribute("type").orElse("normal");
    if (type.equals("chat")) {
      return true;
    }
    return type.equals("normal")
        && message.childElements().stream()
            .anyMatch(
                c ->
                    (c.name().equals("body") && STANZA_NAMESPACES.contains(c.namespace()))
                        || IM_PAYLOADS.contains(c.namespace()));
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
