package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import io.fedgate.xmpp.stream.StreamError;

/** A bound client stream, as the router and the session registry see it. Thread-safe. */
public interface ClientSession {

  /** The full JID bound by this session. */
  Jid jid();

  /** Writes a stanza to the client; never blocks. */
  void deliver(XmlElement stanza);

  /** Ends the stream with this error and closes the connection (e.g. {@code conflict}). */
  void close(StreamError error);

  /** Whether this session asked for XEP-0280 message carbons. */
  default boolean carbonsEnabled() {
    return false;
  }
}
