package io.fedgate.xmpp.s2s;

import io.fedgate.core.stanza.XmlElement;

/** What the connection adapter must do after a transition, in order. */
public sealed interface S2sAction {

  /** Write this XML. */
  record Send(String xml) implements S2sAction {}

  /** Put TLS in front of the stream (after {@code <proceed/>} was written or received). */
  record StartTls() implements S2sAction {}

  /** Start a new XML stream on the same connection (RFC 6120 §4.3.3). */
  record RestartStream() implements S2sAction {}

  /** Close the connection once everything sent is flushed. */
  record Close() implements S2sAction {}

  /** Inbound: a stanza of an authenticated pair, in {@code jabber:client} form, for the router. */
  record Deliver(DomainPair pair, XmlElement stanza) implements S2sAction {}

  /** A pair is authenticated (and admitted): list it, count its stanzas. */
  record Authenticated(DomainPair pair, AuthMethod method) implements S2sAction {}

  /**
   * Inbound, as receiving server: ask the authoritative server of {@code request.pair().remote()}
   * (XEP-0220 step 2), then feed {@link S2sEvent.DialbackVerified}.
   */
  record Verify(VerifyRequest request) implements S2sAction {}

  /** Outbound verify-only stream: the authoritative server's answer to a request (step 3). */
  record VerifyAnswered(VerifyRequest request, DialbackOutcome outcome) implements S2sAction {}

  /**
   * Outbound: the stream is authenticated; send the queued stanzas (each as {@code jabber:server}).
   */
  record Ready(AuthMethod method) implements S2sAction {}

  /**
   * Record a failure for the domain's history.
   *
   * @param bounce outbound only: the RFC 6120 §8.3.3 condition queued stanzas fail with; empty when
   *     the stream itself stays usable
   */
  record Failed(String remoteDomain, FailureReason reason, String detail, String bounce)
      implements S2sAction {}

  /** Outbound: a step of the negotiation for {@code fedgate xmpp test DOMAIN}. */
  record Progress(TestStep step) implements S2sAction {}
}
