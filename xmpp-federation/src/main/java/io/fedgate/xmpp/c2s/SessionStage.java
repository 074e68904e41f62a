package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.C2sAction.Send;
import io.fedgate.xmpp.c2s.C2sState.AwaitBind;
import io.fedgate.xmpp.c2s.C2sState.Binding;
import io.fedgate.xmpp.c2s.C2sState.Established;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Resource binding (RFC 6120 §7) and the stanzas of an established session (§8). */
final class SessionStage {
  private static final Set<String> STANZAS = Set.of("message", "presence", "iq");

  private final String domain;
  private final SecureRandom random;
  private final ServerIq serverIq;

  SessionStage(String domain, SecureRandom random) {
    this.domain = domain;
    this.random = random;
    this.serverIq = new ServerIq(domain);
  }

  static boolean isStanza(XmlElement element) {
    return Namespaces.CLIENT.equals(element.namespace()) && STANZAS.contains(element.name());
  }

  /** RFC 6120 §7.6: the bind IQ; a missing resource gets a server-generated one (§7.6.2.1). */
  Transition bind(AwaitBind state, XmlElement element) {
    Optional<XmlElement> bind =
        isStanza(element) && "iq".equals(element.name()) && isSet(element)
            ? element.child(Namespaces.BIND, "bind")
            : Optional.empty();
    if (bind.isEmpty()) {
      return Transition.fail(StreamErrorCondition.NOT_AUTHORIZED, "bind a resource first");
    }
    String id = element.attribute("id").orElse("");
    String requested =
        bind.get().child(Namespaces.BIND, "resource").map(XmlElement::text).orElse("").strip();
    if (requested.isEmpty()) {
      byte[] bytes = new byte[8];
      random.nextBytes(bytes);
      requested = "fedgate-" + HexFormat.of().formatHex(bytes);
    }
    if (!Jid.isValidResource(requested)) {
      XmlElement error =
          Replies.iqError(element, state.user() + "@" + domain, "modify", "bad-request");
      return Transition.stay(state, new Send(error.toXml(Namespaces.CLIENT)));
    }
    return Transition.stay(
        new Binding(state.user()), new C2sAction.BindResource(state.user(), requested, id));
  }

  /** RFC 6120 §7.6.1: the bound JID is returned to the client. */
  Transition bound(C2sState state, C2sEvent.ResourceBound bound) {
    if (!(state instanceof Binding)) {
      return Transition.fail(StreamErrorCondition.INTERNAL_SERVER_ERROR, "unexpected binding");
    }
    XmlElement jid =
        new XmlElement(Namespaces.BIND, "jid", Map.of(), List.of(bound.jid().toString()));
    XmlElement result =
        new XmlElement(
            Namespaces.CLIENT,
            "iq",
            Map.of("type", "result", "id", bound.iqId()),
            List.of(new XmlElement(Namespaces.BIND, "bind", Map.of(), List.of(jid))));
    return Transition.stay(new Established(bound.jid()), new Send(result.toXml(Namespaces.CLIENT)));
  }

  /**
   * RFC 6120 §8.1.2.1: the server stamps 'from' with the full JID. A 'from' naming anyone other
   * than this session's own full or bare JID is a spoof and ends the stream with {@code
   * invalid-from} (§4.9.3.9).
   */
  Transition stanza(Established state, XmlElement element) {
    if (!isStanza(element)) {
      return Transition.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "not a stanza");
    }
    Jid self = state.jid();
    Optional<String> from = element.attribute("from");
    if (from.isPresent()) {
      Optional<Jid> claimed = Jid.parse(from.get());
      if (claimed.isEmpty() || !(claimed.get().equals(self) || claimed.get().equals(self.bare()))) {
        return Transition.fail(StreamErrorCondition.INVALID_FROM, "'from' is not your JID");
      }
    }
    XmlElement stamped = element.withAttribute("from", self.toString());
    Optional<List<XmlElement>> replies = serverIq.answer(stamped, self);
    if (replies.isPresent()) {
      return new Transition(
          state,
          replies.get().stream()
              .<C2sAction>map(r -> new Send(r.toXml(Namespaces.CLIENT)))
              .toList());
    }
    return Transition.stay(state, new C2sAction.Route(stamped));
  }

  private static boolean isSet(XmlElement iq) {
    return "set".equals(iq.attribute("type").orElse(""));
  }
}
