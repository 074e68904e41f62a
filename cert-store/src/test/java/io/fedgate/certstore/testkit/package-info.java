/**
 * Test PKI for every module (published in the cert-store test-jar): {@link
 * io.fedgate.certstore.testkit.CertificateBuilder} builds root -> intermediate -> leaf with SANs,
 * EKUs and validity; {@link io.fedgate.certstore.testkit.TestPki} caches a shared hierarchy and the
 * {@link io.fedgate.certstore.testkit.PeerVariant} leaves (good and broken) per JVM; {@link
 * io.fedgate.certstore.testkit.TestFiles} writes them as PEM, DER, PKCS#7, PKCS#8 and PKCS#12.
 * Everything is generated at test time; no key material is committed.
 */
package io.fedgate.certstore.testkit;
