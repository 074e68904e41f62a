package io.fedgate.xmpp.s2s;

/**
 * Why an S2S stream or domain pair failed. Stable codes: they appear in logs, the per-domain
 * failure history, the CLI and the admin pages; add, never rename.
 */
public enum FailureReason {
  /** DNS gave no usable target (NXDOMAIN, SRV "." or no address for the target host). */
  DNS_NOT_FOUND,
  /** The DNS server did not answer or answered with an error. */
  DNS_FAILED,
  /** Every resolved target refused or failed the TCP connection. */
  CONNECT_FAILED,
  /** The TCP connect did not finish within the connect timeout. */
  CONNECT_TIMEOUT,
  /** The stream was not authenticated within the negotiation timeout. */
  NEGOTIATION_TIMEOUT,
  /** The TLS handshake failed (protocol, suites, or a certificate refused by the peer). */
  TLS_FAILED,
  /** Our policy requires TLS, the peer did not offer (or, inbound, did not use) STARTTLS. */
  TLS_REQUIRED,
  /** The peer requires TLS and our policy for it is "not supported". */
  TLS_REFUSED_BY_POLICY,
  /**
   * The peer's certificate did not validate for its domain where a valid one was needed (the detail
   * starts with cert-store's reason code, e.g. {@code [EXPIRED]}).
   */
  CERTIFICATE_REFUSED,
  /** SASL EXTERNAL was attempted and refused ({@code <failure/>}). */
  SASL_FAILED,
  /** SASL is required for the peer but cannot run (not offered, no valid certificate, no TLS). */
  SASL_UNAVAILABLE,
  /** The authoritative server said the dialback key is invalid. */
  DIALBACK_INVALID,
  /** A dialback error ({@code type='error'}) came back, or the verification could not be made. */
  DIALBACK_FAILED,
  /** No authentication method both sides allow remains. */
  NO_AUTHENTICATION_METHOD,
  /** {@link Admission} refused the pair; the detail starts with its reason code. */
  ADMISSION_REFUSED,
  /** The peer claimed a domain it did not prove, or sent stanzas for an unauthenticated pair. */
  UNAUTHENTICATED_DOMAIN,
  /** The peer sent a stream error; the detail names its condition. */
  STREAM_ERROR_RECEIVED,
  /** We ended the stream with a stream error (bad XML, limits, policy); the detail names it. */
  STREAM_ERROR_SENT,
  /** The TCP connection closed or broke before the stream ended cleanly. */
  CONNECTION_LOST,
  /** The stream 'to' is not a domain of this node. */
  HOST_UNKNOWN
}
