package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.XmlElement;

/** What the connection adapter must do after a transition, in order. */
public sealed interface C2sAction {

  /** Write this XML to the client. */
  record Send(String xml) implements C2sAction {}

  /**
   * Write this stanza to the bound client through its session, so that XEP-0198 counts it (server
   * IQ answers, pings).
   */
  record Deliver(XmlElement stanza) implements C2sAction {}

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

  /** XEP-0198 §3: turn on stream management (with resumption when asked for); answer enabled. */
  record EnableStreamManagement(boolean resume) implements C2sAction {}

  /** XEP-0198 §4: the client asked for an acknowledgement; answer with the handled count. */
  record AckRequested() implements C2sAction {}

  /** XEP-0198 §4: the client acknowledged {@code h} stanzas in all. */
  record Acknowledged(long h) implements C2sAction {}

  /** XEP-0198 §4: a stanza from the client was handled (counted once stream management is on). */
  record Handled() implements C2sAction {}

  /**
   * XEP-0198 §5: resume the detached session {@code previd} of {@code user}, whose client handled
   * {@code h} stanzas; then feed {@link C2sEvent.Resumed}.
   */
  record Resume(String user, String previd, long h) implements C2sAction {}

  /** XEP-0280 §4: carbons on or off for this session. */
  record Carbons(boolean enabled) implements C2sAction {}
}
