package io.fedgate.xmpp.s2s;

import io.fedgate.xmpp.stream.StreamEvent;
import java.util.Optional;

/** Inputs to {@link S2sInbound} and {@link S2sOutbound}. */
public sealed interface S2sEvent {

  /** Outbound: the TCP connection is up (and, on a direct-TLS target, the TLS handshake done). */
  record Connected(Optional<PeerCertificate> directTls) implements S2sEvent {}

  /** Something decoded from the stream. */
  record Received(StreamEvent event) implements S2sEvent {}

  /** The TLS handshake succeeded; the peer's certificate as presented (maybe none). */
  record TlsEstablished(PeerCertificate certificate) implements S2sEvent {}

  /** Inbound: the authoritative server answered the {@link S2sAction.Verify} for this pair. */
  record DialbackVerified(DomainPair pair, DialbackOutcome outcome) implements S2sEvent {}

  /** No traffic for the idle timeout. */
  record Idle() implements S2sEvent {}

  /** The negotiation timeout passed; ends the stream unless something is authenticated. */
  record NegotiationTimeout() implements S2sEvent {}
}
