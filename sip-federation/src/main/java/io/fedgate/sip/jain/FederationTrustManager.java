package io.fedgate.sip.jain;

import io.fedgate.certstore.tls.PeerEnforcingTrustManager;
import io.fedgate.certstore.trust.Decision;
import io.fedgate.certstore.trust.PeerExpectation;
import io.fedgate.certstore.trust.PeerRole;
import io.fedgate.certstore.trust.PeerSubjects;
import io.fedgate.certstore.trust.ReferenceIdentity;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;

/**
 * Applies cert-store's {@link io.fedgate.certstore.trust.PeerTrust} inside JAIN-SIP's handshakes.
 * Inbound peers (client certificates on the peer-auth listener): trusted chain from {@code
 * cup-trust}, clientAuth EKU, TLS peer subjects. Outbound peers: trusted chain and serverAuth EKU
 * during the handshake; JAIN-SIP's engines carry no peer host, so the name check against the next
 * hop runs right after the handshake in {@link NextHopPolicy}, before the first request is written.
 */
final class FederationTrustManager extends PeerEnforcingTrustManager {
  FederationTrustManager(SipTls tls) {
    super(tls.peerTrust(), tls.trust(), PeerSubjects.of(tls.peerSubjects()), tls.decisions());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    enforce(
        chain, new PeerExpectation(PeerRole.SERVER, Optional.empty(), PeerSubjects.unrestricted()));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  /** The full outbound decision (chain, serverAuth, RFC 6125 name of the next hop). */
  Decision outbound(List<X509Certificate> chain, String expectedHost) {
    return decide(chain, PeerExpectation.outbound(ReferenceIdentity.sip(expectedHost)));
  }
}
