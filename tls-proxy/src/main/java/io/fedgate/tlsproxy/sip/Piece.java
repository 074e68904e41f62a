package io.fedgate.tlsproxy.sip;

import java.util.List;
import java.util.Optional;

/**
 * Bytes ready to be relayed: a whole (possibly rewritten) SIP message with its summary, or bytes
 * relayed untouched (a non-SIP stream, CRLF keep-alives).
 *
 * @param rewrites one line per rewritten address ({@code Via 10.0.0.1:5062 -> 192.0.2.1:5062})
 */
public record Piece(byte[] bytes, Optional<SipSummary> sip, List<String> rewrites) {
  public Piece {
    rewrites = List.copyOf(rewrites);
  }

  public static Piece raw(byte[] bytes) {
    return new Piece(bytes, Optional.empty(), List.of());
  }
}
