package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.xmpp.stream.StreamEvent;

/** Inputs to {@link C2sNegotiation}. */
public sealed interface C2sEvent {

  /** Something decoded from the stream. */
  record Received(StreamEvent event) implements C2sEvent {}

  /** The TLS handshake succeeded (RFC 6120 §5.4.3.3). */
  record TlsEstablished() implements C2sEvent {}

  /** The session registry bound this full JID for the bind IQ with this id. */
  record ResourceBound(Jid jid, String iqId) implements C2sEvent {}

  /**
   * Nothing was read for half the idle timeout.
   *
   * @param first the first such period (an established session is pinged, XEP-0199); a second one
   *     in a row ends the stream with {@code connection-timeout}
   */
  record Idle(boolean first) implements C2sEvent {}

  /**
   * The outcome of {@link C2sAction.Resume}: the resumed session's JID, or empty when it cannot be
   * resumed (the client may bind a new resource instead, XEP-0198 §5).
   */
  record Resumed(java.util.Optional<Jid> jid) implements C2sEvent {}
}
