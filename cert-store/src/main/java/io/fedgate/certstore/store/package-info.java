/**
 * The certificate stores: {@link io.fedgate.certstore.store.CertificateStores} (the operations),
 * the {@link io.fedgate.certstore.store.CertificateRepository} port whose {@link
 * io.fedgate.certstore.store.CertificateEntry} rows map 1:1 to {@code certificate_entry}, and an
 * in-memory implementation. Private keys are stored only as {@link
 * io.fedgate.certstore.pki.KeyProtector} output.
 */
package io.fedgate.certstore.store;
