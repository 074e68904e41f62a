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

  static boolean isStreamManagement(XmlElement element) {
    return StreamManagement.NAMESPACE.equals(element.namespace());
  }

  /**
   * XEP-0198 §5: {@code <resume/>} takes the place of binding; {@code <enable/>} must wait for a
   * bound resource (§3: {@code unexpected-request}).
   */
  Transition streamManagementBeforeBind(AwaitBind state, XmlElement element) {
    if ("resume".equals(element.name())) {
      Optional<Long> h = StreamManagement.parseH(element);
      String previd = element.attribute("previd").orElse("");
      if (h.isEmpty() || previd.isEmpty()) {
        return Transition.stay(state, new Send(Replies.smFailed("bad-request")));
      }
      return Transition.stay(
          new Binding(state.user()), new C2sAction.Resume(state.user(), previd, h.get()));
    }
    if ("enable".equals(element.name())) {
      return Transition.stay(state, new Send(Replies.smFailed("unexpected-request")));
    }
    return Transition.fail(
        StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected stream management element");
  }

  /** XEP-0198 §5: resumed (the adapter sent {@code <resumed/>}), or {@code <failed/>}. */
  Transition resumed(C2sState state, C2sEvent.Resumed resumed) {
    if (!(state instanceof Binding binding)) {
      return Transition.fail(StreamErrorCondition.INTERNAL_SERVER_ERROR, "unexpected resumption");
    }
    return resumed
        .jid()
        .map(jid -> Transition.stay(new Established(jid)))
        .orElseGet(
            () ->
                Transition.stay(
                    new AwaitBind(binding.user()), new Send(Replies.smFailed("item-not-found"))));
  }

  /** XEP-0198 §3-§4 on a bound stream: enable, ack requests and acks. */
  Transition streamManagement(Established state, XmlElement element) {
    switch (element.name()) {
      case "enable":
        String resume = element.attribute("resume").orElse("false");
        return Transition.stay(
            state,
            new C2sAction.EnableStreamManagement(resume.equals("true") || resume.equals("1")));
      case "r":
        return Transition.stay(state, new C2sAction.AckRequested());
      case "a":
        return StreamManagement.parseH(element)
            .map(h -> Transition.stay(state, new C2sAction.Acknowledged(h)))
            .orElseGet(
                () -> Transition.fail(StreamErrorCondition.BAD_FORMAT, "'h' is not a counter"));
      case "resume":
        return Transition.stay(state, new Send(Replies.smFailed("unexpected-request")));
      default:
        return Transition.fail(
            StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected stream management element");
    }
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
    Optional<String> to = element.attribute("to");
    if (to.isPresent() && Jid.parse(to.get()).isEmpty()) {
      return malformedTo(state, stamped);
    }
    Optional<Transition> carbons = carbons(state, stamped);
    if (carbons.isPresent()) {
      return carbons.get();
    }
    Optional<List<XmlElement>> replies = serverIq.answer(stamped, self);
    if (replies.isPresent()) {
      return new Transition(
          state, replies.get().stream().<C2sAction>map(C2sAction.Deliver::new).toList());
    }
    return Transition.stay(state, new C2sAction.Route(stamped));
  }

  /**
   * RFC 6120 §8.3.3.8: a 'to' that is not a JID gets {@code jid-malformed} from the server (the
   * stanza goes nowhere); errors and IQ results are dropped, as errors are never answered.
   */
  private Transition malformedTo(Established state, XmlElement stanza) {
    String type = stanza.attribute("type").orElse("");
    if (type.equals("error") || (stanza.name().equals("iq") && type.equals("result"))) {
      return Transition.stay(state);
    }
    XmlElement error =
        Replies.stanzaError(stanza, state.jid().toString(), domain, "modify", "jid-malformed");
    return Transition.stay(state, new C2sAction.Deliver(error));
  }

  /** XEP-0280 §4: {@code <enable/>} or {@code <disable/>} in an IQ set to the server. */
  private Optional<Transition> carbons(Established state, XmlElement iq) {
    List<XmlElement> payload = iq.childElements();
    String to = iq.attribute("to").orElse(domain);
    if (!"iq".equals(iq.name())
        || !isSet(iq)
        || payload.size() != 1
        || !Carbons.NAMESPACE.equals(payload.get(0).namespace())
        || !(to.equalsIgnoreCase(domain) || to.equals(state.jid().bare().toString()))) {
      return Optional.empty();
    }
    String name = payload.get(0).name();
    if (!name.equals("enable") && !name.equals("disable")) {
      return Optional.empty();
    }
    XmlElement result = Replies.iqResult(iq.attribute("id").orElse(""), state.jid().toString(), to);
    return Optional.of(
        Transition.stay(
            state, new C2sAction.Carbons(name.equals("enable")), new C2sAction.Deliver(result)));
  }

  private static boolean isSet(XmlElement iq) {
    return "set".equals(iq.attribute("type").orElse(""));
  }
}
