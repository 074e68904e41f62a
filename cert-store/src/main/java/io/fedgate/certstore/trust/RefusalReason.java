package io.fedgate.certstore.trust;

/**
 * Why a peer certificate was refused. Stable codes: they appear in logs, diagnostics headers and
 * the admin UI; add, never rename. Listed in the order {@link PeerTrust} checks them.
 */
public enum RefusalReason {
  /** The peer presented no certificate. */
  NO_CERTIFICATE,
  /** The chain ends in a self-signed root that is not in the trust store. */
  UNTRUSTED_ROOT,
  /** An issuer is missing: neither sent by the peer nor in the trust store. */
  INCOMPLETE_CHAIN,
  /** The chain does not validate (a signature does not verify, an issuer is not a CA...). */
  INVALID_CHAIN,
  /** A certificate of the chain has expired. */
  EXPIRED,
  /** A certificate of the chain is not valid yet. */
  NOT_YET_VALID,
  /** An inbound peer's certificate does not allow clientAuth (RFC 5280 §4.2.1.12). */
  MISSING_CLIENT_AUTH_EKU,
  /** An outbound peer's certificate does not allow serverAuth. */
  MISSING_SERVER_AUTH_EKU,
  /** No presented identifier matches the expected domain (RFC 6125 §6). */
  NAME_MISMATCH,
  /** Neither the CN nor a SAN of the certificate is in the TLS peer subject list. */
  NOT_IN_PEER_SUBJECTS
}
