package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IQs the server answers itself when addressed to the domain (or without 'to'): XEP-0199 ping,
 * XEP-0030 disco#info and disco#items (no items yet), the legacy RFC 3921 session IQ; other get/set
 * IQs to the server get {@code service-unavailable} (RFC 6120 §8.4).
 */
final class ServerIq {
  private final String domain;

  ServerIq(String domain) {
    this.domain = domain;
  }

  /**
   * The replies (none for a result or error addressed to the server), or empty when the stanza is
   * not an IQ for the server and must be routed.
   */
  Optional<List<XmlElement>> answer(XmlElement stanza, Jid from) {
    String to = stanza.attribute("to").orElse(domain);
    String type = stanza.attribute("type").orElse("");
    if (!"iq".equals(stanza.name()) || !to.equalsIgnoreCase(domain) || isRoster(stanza)) {
      return Optional.empty();
    }
    if (!"get".equals(type) && !"set".equals(type)) {
      return Optional.of(List.of());
    }
    String id = stanza.attribute("id").orElse("");
    List<XmlElement> payload = stanza.childElements();
    if (payload.size() == 1 && isAny(payload.get(0), Namespaces.PING, Namespaces.SESSION)) {
      return Optional.of(List.of(Replies.iqResult(id, from.toString(), domain)));
    }
    if (payload.size() == 1 && "get".equals(type) && is(payload.get(0), Namespaces.DISCO_INFO)) {
      return Optional.of(
          List.of(Replies.iqResult(id, from.toString(), domain).withChild(discoInfo())));
    }
    if (payload.size() == 1 && "get".equals(type) && is(payload.get(0), Namespaces.DISCO_ITEMS)) {
      XmlElement items = XmlElement.of(Namespaces.DISCO_ITEMS, "query");
      return Optional.of(List.of(Replies.iqResult(id, from.toString(), domain).withChild(items)));
    }
    return Optional.of(
        List.of(Replies.iqError(stanza, from.toString(), "cancel", "service-unavailable")));
  }

  private static XmlElement discoInfo() {
    XmlElement identity =
        new XmlElement(
            Namespaces.DISCO_INFO,
            "identity",
            Map.of("category", "server", "type", "im", "name", "fedgate"),
            List.of());
    XmlElement query = XmlElement.of(Namespaces.DISCO_INFO, "query").withChild(identity);
    for (String feature :
        List.of(
            Namespaces.DISCO_INFO,
            Namespaces.DISCO_ITEMS,
            Namespaces.PING,
            Carbons.NAMESPACE,
            Blocking.NAMESPACE)) {
      query =
          query.withChild(
              new XmlElement(Namespaces.DISCO_INFO, "feature", Map.of("var", feature), List.of()));
    }
    return query;
  }

  /**
   * RFC 6121 §2.1.3: a roster IQ without 'to' is for the user's account (the presence engine); so
   * is a XEP-0191 blocking IQ (the router's block lists).
   */
  private static boolean isRoster(XmlElement stanza) {
    return stanza.attribute("to").isEmpty()
        && stanza.childElements().size() == 1
        && isAny(stanza.childElements().get(0), Namespaces.ROSTER, Blocking.NAMESPACE);
  }

  private static boolean isAny(XmlElement element, String... namespaces) {
    for (String ns : namespaces) {
      if (is(element, ns)) {
        return true;
      }
    }
    return false;
  }

  private static boolean is(XmlElement element, String namespace) {
    return namespace.equals(element.namespace());
  }
}
