package io.fedgate.certstore.tls;

/** Whether a server-mode engine asks the peer for a certificate. */
public enum ClientAuth {
  /** Mutual TLS required: the peer-auth SIP listener. */
  NEED,
  /** Asked, not required: an S2S listener that falls back to dialback. */
  WANT,
  /** Not asked. */
  NONE
}
