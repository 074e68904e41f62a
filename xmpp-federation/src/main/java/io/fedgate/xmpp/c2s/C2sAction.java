package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.XmlElement;

/** What the connection adapter must do after a transition, in order. */
public sealed interface C2sAction {

  /** Write this XML to the client. */
  record Send(String xml) implements C2sAction {}

  /** Put TLS in front of the stream (after {@code <proceed/>} was written) and restart it. */
  record StartTls() implements C2sAction {}

  /** Start a new stream on the same connection (RFC 6120 §4.3.3). */
  record RestartStream() implements C2sAction {}

  /**
   * Bind {@code user@domain/resource} in the session registry (an older session with that JID is
   * closed with {@code conflict}), then feed {@link C2sEvent.ResourceBound}.
   */
  record BindResource(String user, String resource, String iqId) implements C2sAction {}

  /** Hand this stanza, its 'from' already stamped, to the router. */
  record Route(XmlElement stanza) implements C2sAction {}

  /** Close the connection once everything sent is flushed. */
  record Close() implements C2sAction {}
}
