package io.fedgate.certstore.tls;

import io.fedgate.certstore.trust.Decision;
import io.fedgate.certstore.trust.PeerExpectation;
import io.fedgate.certstore.trust.PeerSubjects;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.RefusalReason;
import io.fedgate.certstore.trust.TrustedCertificates;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A JSSE trust manager that applies {@link PeerTrust}: inbound peers (client certificates) against
 * the trust store, clientAuth and the TLS peer subjects; outbound peers against the trust store,
 * serverAuth and the expected domain, taken from the SNI name the engine sends or else its peer
 * host. Every decision goes to the listener; a refusal fails the handshake with a {@link
 * PeerRefusedException}.
 */
final class PeerTrustManager extends PeerEnforcingTrustManager {
  private final PeerNaming naming;

  PeerTrustManager(
      PeerTrust peerTrust,
      TrustedCertificates trust,
      PeerSubjects subjects,
      PeerNaming naming,
      Consumer<Decision> decisions) {
    super(peerTrust, trust, subjects, decisions);
    this.naming = naming;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the expected peer name is unknown without a socket or engine");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    SSLSocket ssl = (SSLSocket) socket;
    String host =
        ssl.getHandshakeSession() == null ? null : ssl.getHandshakeSession().getPeerHost();
    outbound(chain, expectedName(ssl.getSSLParameters(), host));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    outbound(chain, expectedName(engine.getSSLParameters(), engine.getPeerHost()));
  }

  private void outbound(X509Certificate[] chain, Optional<String> domain)
      throws CertificateException {
    if (domain.isEmpty()) {
      Decision.Refused refused =
          new Decision.Refused(
              RefusalReason.NAME_MISMATCH,
              chain.length == 0 ? "" : chain[0].getSubjectX500Principal().getName(),
              "the outbound connection has no expected domain (no SNI name, no peer host)");
      refuse(refused);
    }
    enforce(chain, PeerExpectation.outbound(naming.forDomain(domain.get())));
  }

  private static Optional<String> expectedName(SSLParameters parameters, String peerHost) {
    if (parameters.getServerNames() != null) {
      for (var name : parameters.getServerNames()) {
        if (name instanceof SNIHostName host) {
          return Optional.of(host.getAsciiName());
        }
      }
    }
    return Optional.ofNullable(peerHost).filter(h -> !h.isBlank());
  }
}
