package io.fedgate.certstore.store;

/** The kind of a stored entry (column {@code certificate_entry.kind}). */
public enum EntryKind {
  /** A private key (sealed) with its certificate chain, in an identity store. */
  IDENTITY,
  /** Certificates only, in a trust store: a root, an intermediate or a pinned peer. */
  TRUST,
  /** A generated key (sealed) and its CSR, waiting for the signed certificate. */
  PENDING
}
