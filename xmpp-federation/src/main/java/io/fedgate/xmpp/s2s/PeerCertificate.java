package io.fedgate.xmpp.s2s;

/**
 * The certificate chain a peer presented in the TLS handshake, checkable against any domain: an
 * inbound peer's domain is known only from its stream header, SASL authzid or {@code db:result}.
 * Implementations are pure (the adapter closes over the chain, the trust store and the clock).
 */
@FunctionalInterface
public interface PeerCertificate {
  CertificateCheck check(String domain);

  /** No TLS on this stream. */
  static PeerCertificate none() {
    return domain -> CertificateCheck.noTls();
  }
}
