package io.fedgate.certstore;

/**
 * Stable codes for an upload or an operation that was refused. The codes are part of the API (the
 * CLI and the REST API print them); add new ones, never rename.
 */
public enum RejectionCode {
  /** The upload is larger than the cap; nothing was parsed. */
  UPLOAD_TOO_LARGE,
  /** The upload is empty. */
  EMPTY_UPLOAD,
  /** The upload is not PEM, DER, PKCS#7 or PKCS#12, or a PEM block is damaged or cut short. */
  UNPARSEABLE,
  /** The upload parsed but held no certificate. */
  NO_CERTIFICATE,
  /** An identity upload held no private key. */
  NO_PRIVATE_KEY,
  /** An identity upload held more than one private key. */
  SEVERAL_PRIVATE_KEYS,
  /** The private key is encrypted and no password was given. */
  PASSWORD_REQUIRED,
  /** The password does not decrypt the key or the PKCS#12 file. */
  WRONG_PASSWORD,
  /** The certificate's public key does not belong to the (pending or uploaded) private key. */
  KEY_MISMATCH,
  /** A signed certificate was uploaded but no CSR is pending for that store and alias. */
  NO_PENDING_REQUEST,
  /** An issuer of the chain is neither in the upload nor in the matching trust store. */
  INCOMPLETE_CHAIN,
  /** A certificate of the chain is not signed by the next one. */
  BROKEN_CHAIN,
  /** The key algorithm or size is not supported (RSA >= 2048, EC >= 256). */
  UNSUPPORTED_KEY,
  /** The operation needs an identity store but got a trust store, or the other way round. */
  WRONG_STORE_KIND,
  /** No entry with that store and alias. */
  NOT_FOUND,
  /** The alias is empty, too long or has characters other than letters, digits, '.', '_', '-'. */
  INVALID_ALIAS,
  /** A stored private key cannot be opened with this node's master key. */
  SEALED_KEY_UNREADABLE,
  /** A parameter is invalid (names, validity...). */
  INVALID_ARGUMENT
}
