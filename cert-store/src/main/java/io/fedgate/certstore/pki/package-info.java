/**
 * Bouncy Castle and JCA work: key pairs, self-signed identities, CSRs, sealed private keys, and
 * decoding uploads (PEM, DER, PKCS#7, PKCS#8, PKCS#12) into certificates and identities, with a
 * size cap before any parsing. Decoders refuse bad input with {@link
 * io.fedgate.certstore.RejectedInputException} carrying a stable {@link
 * io.fedgate.certstore.RejectionCode}.
 */
package io.fedgate.certstore.pki;
