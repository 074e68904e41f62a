package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Namespaces;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.c2s.C2sAction.Send;
import io.fedgate.xmpp.c2s.C2sState.AwaitAuth;
import io.fedgate.xmpp.c2s.C2sState.AwaitBind;
import io.fedgate.xmpp.c2s.C2sState.AwaitHeader;
import io.fedgate.xmpp.c2s.C2sState.AwaitStartTls;
import io.fedgate.xmpp.c2s.C2sState.Ended;
import io.fedgate.xmpp.c2s.C2sState.Established;
import io.fedgate.xmpp.c2s.C2sState.ScramChallenged;
import io.fedgate.xmpp.c2s.C2sState.TlsHandshake;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import io.fedgate.xmpp.stream.StreamEvent;
import io.fedgate.xmpp.stream.StreamHeader;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The C2S stream negotiation as a transition function {@code (state, event) -> (state, actions)}:
 * header, STARTTLS, SASL, restart, resource binding, then stanzas. Pure: the adapter performs the
 * actions. One instance per connection (it knows the peer address for throttling).
 */
public final class C2sNegotiation {
  private final C2sConfig config;
  private final SecureRandom random;
  private final SaslStage sasl;
  private final SessionStage session;

  public C2sNegotiation(C2sConfig config, SaslStage sasl, SecureRandom random) {
    this.config = config;
    this.random = random;
    this.sasl = sasl;
    this.session = new SessionStage(config.domain(), random);
  }

  /** The first state: before TLS, or already in TLS on a direct-TLS port (XEP-0368). */
  public static C2sState initial(boolean directTls) {
    return new AwaitHeader(directTls, Optional.empty());
  }

  public Transition next(C2sState state, C2sEvent event) {
    if (state instanceof Ended) {
      return Transition.stay(state);
    }
    if (event instanceof C2sEvent.Idle idle) {
      return idle(state, idle.first());
    }
    if (event instanceof C2sEvent.TlsEstablished) {
      if (state instanceof TlsHandshake) {
        return Transition.stay(new AwaitHeader(true, Optional.empty()));
      }
      // XEP-0368 direct TLS: the handshake completes while the first header is awaited
      return state instanceof AwaitHeader awaiting && awaiting.tls()
          ? Transition.stay(state)
          : Transition.fail(StreamErrorCondition.INTERNAL_SERVER_ERROR, "unexpected TLS");
    }
    if (event instanceof C2sEvent.ResourceBound bound) {
      return session.bound(state, bound);
    }
    if (event instanceof C2sEvent.Resumed resumed) {
      return session.resumed(state, resumed);
    }
    return received(state, ((C2sEvent.Received) event).event());
  }

  private Transition received(C2sState state, StreamEvent event) {
    if (event instanceof StreamEvent.Failed failed) {
      return failFrom(state, failed.error());
    }
    if (event instanceof StreamEvent.Closed) {
      return new Transition(
          new Ended(), java.util.List.of(new Send("</stream:stream>"), new C2sAction.Close()));
    }
    if (event instanceof StreamEvent.Opened opened) {
      return opened(state, opened.header());
    }
    return element(state, ((StreamEvent.Element) event).element());
  }

  private Transition opened(C2sState state, StreamHeader header) {
    String response = Replies.header(config.domain(), newStreamId());
    if (!(state instanceof AwaitHeader awaiting)) {
      return Transition.fail(StreamErrorCondition.INVALID_XML, "unexpected stream header");
    }
    if (header.to().map(to -> !to.equalsIgnoreCase(config.domain())).orElse(true)) {
      return Transition.failWith(
          response,
          new StreamError(
              StreamErrorCondition.HOST_UNKNOWN, "this server does not serve that domain"));
    }
    if (awaiting.user().isPresent()) {
      return Transition.stay(
          new AwaitBind(awaiting.user().get()), new Send(response + Replies.bindFeatures()));
    }
    if (!awaiting.tls() && config.tlsRequired()) {
      return Transition.stay(new AwaitStartTls(), new Send(response + Replies.startTlsFeatures()));
    }
    return Transition.stay(
        new AwaitAuth(awaiting.tls(), 0),
        new Send(
            response
                + Replies.mechanismFeatures(sasl.mechanisms(awaiting.tls()), !awaiting.tls())));
  }

  private Transition element(C2sState state, XmlElement element) {
    if (state instanceof AwaitStartTls) {
      return startTls(element);
    }
    if (state instanceof AwaitAuth awaiting) {
      return !awaiting.tls() && isStartTls(element)
          ? startTls(element)
          : sasl.auth(awaiting, element);
    }
    if (state instanceof ScramChallenged challenged) {
      return sasl.response(challenged, element);
    }
    if (state instanceof AwaitBind awaiting) {
      return SessionStage.isStreamManagement(element)
          ? session.streamManagementBeforeBind(awaiting, element)
          : session.bind(awaiting, element);
    }
    if (state instanceof Established established) {
      if (SessionStage.isStreamManagement(element)) {
        return session.streamManagement(established, element);
      }
      Transition handled = session.stanza(established, element);
      return handled.state() instanceof Ended ? handled : handled.then(new C2sAction.Handled());
    }
    return Transition.fail(StreamErrorCondition.NOT_AUTHORIZED, "not expected now");
  }

  /** XEP-0199 §4.2: ping an established client once before giving up (RFC 6120 §4.9.3.4). */
  private Transition idle(C2sState state, boolean first) {
    if (!first) {
      return failFrom(
          state, new StreamError(StreamErrorCondition.CONNECTION_TIMEOUT, "idle timeout"));
    }
    if (state instanceof Established established) {
      java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
      attributes.put("type", "get");
      attributes.put("id", "ping-" + newStreamId());
      attributes.put("from", config.domain());
      attributes.put("to", established.jid().toString());
      XmlElement ping =
          new XmlElement(Namespaces.CLIENT, "iq", attributes, java.util.List.of())
              .withChild(XmlElement.of(Namespaces.PING, "ping"));
      return Transition.stay(state, new C2sAction.Deliver(ping));
    }
    return Transition.stay(state);
  }

  /** RFC 6120 §5.4.2.1-§5.4.2.3; anything else before TLS breaks the TLS-required policy. */
  private Transition startTls(XmlElement element) {
    if (isStartTls(element)) {
      return Transition.stay(
          new TlsHandshake(), new Send(Replies.proceed()), new C2sAction.StartTls());
    }
    if (SessionStage.isStanza(element)) {
      return Transition.fail(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first");
    }
    return Transition.fail(StreamErrorCondition.POLICY_VIOLATION, "STARTTLS is required");
  }

  private static boolean isStartTls(XmlElement element) {
    return Namespaces.TLS.equals(element.namespace()) && "starttls".equals(element.name());
  }

  /** Before the response header was sent for this stream, it must precede the error (§4.9.1.2). */
  private Transition failFrom(C2sState state, StreamError error) {
    String header =
        state instanceof AwaitHeader ? Replies.header(config.domain(), newStreamId()) : "";
    return Transition.failWith(header, error);
  }

  private String newStreamId() {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
