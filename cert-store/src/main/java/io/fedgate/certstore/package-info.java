/**
 * fedgate cert-store: certificate stores ({@link io.fedgate.certstore.StoreName}), peer trust
 * decisions, TLS contexts and identity checks. This package holds the shared vocabulary: store
 * names, node names, and the {@link io.fedgate.certstore.Outcome} / {@link
 * io.fedgate.certstore.Rejection} values every operation answers.
 */
package io.fedgate.certstore;
