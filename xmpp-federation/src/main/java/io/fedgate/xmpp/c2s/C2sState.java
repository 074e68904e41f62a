package io.fedgate.xmpp.c2s;

import io.fedgate.core.stanza.Jid;
import io.fedgate.xmpp.sasl.ScramExchange;
import java.util.Optional;

/** The states of a client stream's negotiation (RFC 6120 §4-§7), each citing its section. */
public sealed interface C2sState {

  /**
   * RFC 6120 §4.2 (and §4.3.3 after a restart): waiting for the client's stream header.
   *
   * @param tls whether TLS is already established (after STARTTLS or on a direct-TLS port)
   * @param user the authenticated user after SASL (§6.4.6), empty before
   */
  record AwaitHeader(boolean tls, Optional<String> user) implements C2sState {}

  /** RFC 6120 §5.3.1 / §5.4.1: STARTTLS offered as required; waiting for {@code <starttls/>}. */
  record AwaitStartTls() implements C2sState {}

  /** RFC 6120 §5.4.3.3: {@code <proceed/>} sent; the TLS handshake runs. */
  record TlsHandshake() implements C2sState {}

  /**
   * RFC 6120 §6.4.1: mechanisms offered; waiting for {@code <auth/>}.
   *
   * @param failures failed attempts on this stream so far (§6.4.5 retries)
   */
  record AwaitAuth(boolean tls, int failures) implements C2sState {}

  /** RFC 6120 §6.4.2 / RFC 5802 §5: SCRAM server-first sent; waiting for {@code <response/>}. */
  record ScramChallenged(boolean tls, int failures, ScramExchange exchange) implements C2sState {}

  /** RFC 6120 §7.2: resource binding offered; waiting for the bind IQ. */
  record AwaitBind(String user) implements C2sState {}

  /** RFC 6120 §7.6.1: the bind IQ was accepted; the session registry is binding the JID. */
  record Binding(String user) implements C2sState {}

  /** RFC 6120 §7.6.1 / §8: a full JID is bound; stanzas flow. */
  record Established(Jid jid) implements C2sState {}

  /** RFC 6120 §4.4 / §4.9.1.1: the stream is closed or failed; nothing more is processed. */
  record Ended() implements C2sState {}
}
