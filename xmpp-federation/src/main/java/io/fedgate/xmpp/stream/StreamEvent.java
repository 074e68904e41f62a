package io.fedgate.xmpp.stream;

import io.fedgate.core.stanza.XmlElement;

/** What the XML stream decoder reports, in order, for one stream. */
public sealed interface StreamEvent {

  /** The peer's stream header (RFC 6120 §4.7), namespaces and version already checked. */
  record Opened(StreamHeader header) implements StreamEvent {}

  /** A complete first-level element: a stanza or a negotiation element. */
  record Element(XmlElement element) implements StreamEvent {}

  /** The peer sent {@code </stream:stream>} (RFC 6120 §4.4). */
  record Closed() implements StreamEvent {}

  /** The input broke a rule; the stream must end with this error. No more events follow. */
  record Failed(StreamError error) implements StreamEvent {}
}
