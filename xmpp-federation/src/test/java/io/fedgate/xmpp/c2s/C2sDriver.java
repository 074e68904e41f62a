package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.sasl.AuthThrottle;
import io.fedgate.xmpp.sasl.CredentialStore;
import io.fedgate.xmpp.stream.StreamEvent;
import io.fedgate.xmpp.stream.StreamHeader;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Drives {@link C2sNegotiation} like the Netty adapter would, recording every action. */
final class C2sDriver {
  final C2sNegotiation negotiation;
  C2sState state;
  final List<C2sAction> actions = new ArrayList<>();

  C2sDriver(C2sConfig config, CredentialStore store, AuthThrottle throttle, boolean directTls) {
    SecureRandom random = new SecureRandom();
    this.negotiation =
        new C2sNegotiation(
            config, new SaslStage(config, store, throttle, random, "192.0.2.1"), random);
    this.state = C2sNegotiation.initial(directTls);
  }

  /** Applies the event and returns the XML sent for it, concatenated. */
  String on(C2sEvent event) {
    Transition t = negotiation.next(state, event);
    state = t.state();
    actions.addAll(t.actions());
    StringBuilder sent = new StringBuilder();
    for (C2sAction action : t.actions()) {
      if (action instanceof C2sAction.Send send) {
        sent.append(send.xml());
      }
      if (action instanceof C2sAction.Deliver deliver) {
        sent.append(deliver.stanza().toXml(Namespaces.CLIENT));
      }
      if (action instanceof C2sAction.BindResource bind) {
        sent.append(
            on(
                new C2sEvent.ResourceBound(
                    new Jid(bind.user(), "local.test", bind.resource()), bind.iqId())));
      }
    }
    return sent.toString();
  }

  String open(String to) {
    return on(
        new C2sEvent.Received(
            new StreamEvent.Opened(
                new StreamHeader(
                    Optional.ofNullable(to), Optional.empty(), "1.0", Optional.empty()))));
  }

  String send(XmlElement element) {
    return on(new C2sEvent.Received(new StreamEvent.Element(element)));
  }

  String sasl(String name, byte[] data, String mechanism) {
    XmlElement element =
        new XmlElement(
            Namespaces.SASL,
            name,
            mechanism == null ? Map.of() : Map.of("mechanism", mechanism),
            List.of(Base64.getEncoder().encodeToString(data)));
    return send(element);
  }

  boolean closed() {
    return !actions.isEmpty() && actions.get(actions.size() - 1) instanceof C2sAction.Close;
  }

  static XmlElement stanza(String name, Map<String, String> attributes, XmlElement... children) {
    return new XmlElement(Namespaces.CLIENT, name, attributes, List.of((Object[]) children));
  }
}
