/**
 * TLS contexts (IM&P's TLS Context Configuration: protocols, cipher profiles, peer subjects,
 * "disable empty TLS fragments") and {@link io.fedgate.certstore.tls.TlsContextFactory}, which
 * builds JSSE {@code SSLContext}s and configured {@code SSLEngine}s whose trust manager applies the
 * {@link io.fedgate.certstore.trust.PeerTrust} decision. A refused peer fails the handshake with a
 * {@link io.fedgate.certstore.tls.PeerRefusedException} carrying the reason code.
 */
package io.fedgate.certstore.tls;
