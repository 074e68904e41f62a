package io.fedgate.certstore.tls;

import io.fedgate.certstore.trust.Decision;
import io.fedgate.certstore.trust.PeerExpectation;
import io.fedgate.certstore.trust.PeerSubjects;
import io.fedgate.certstore.trust.PeerTrust;
import io.fedgate.certstore.trust.TrustedCertificates;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Base of the JSSE trust managers that apply {@link PeerTrust}: inbound peers (client certificates)
 * against the trust store, clientAuth and the TLS peer subjects. Every decision goes to the
 * listener; a refusal fails the handshake with a {@link PeerRefusedException}. Subclasses decide
 * how outbound peers (server certificates) are checked.
 */
public abstract class PeerEnforcingTrustManager extends X509ExtendedTrustManager {
  private final PeerTrust peerTrust;
  private final TrustedCertificates trust;
  private final PeerSubjects subjects;
  private final Consumer<Decision> decisions;

  protected PeerEnforcingTrustManager(
      PeerTrust peerTrust,
      TrustedCertificates trust,
      PeerSubjects subjects,
      Consumer<Decision> decisions) {
    this.peerTrust = peerTrust;
    this.trust = trust;
    this.subjects = subjects;
    this.decisions = decisions;
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    enforce(chain, PeerExpectation.inbound(subjects));
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return trust.certificates().toArray(X509Certificate[]::new);
  }

  /** Decides on {@code chain} and hands the decision to the listener. */
  protected final Decision decide(List<X509Certificate> chain, PeerExpectation expectation) {
    Decision decision = peerTrust.decide(chain, trust, expectation);
    decisions.accept(decision);
    return decision;
  }

  /** Decides on {@code chain} and fails the handshake when it is refused. */
  protected final void enforce(X509Certificate[] chain, PeerExpectation expectation)
      throws PeerRefusedException {
    if (decide(List.of(chain), expectation) instanceof Decision.Refused refused) {
      throw new PeerRefusedException(refused);
    }
  }

  /** Reports a refusal made without {@link PeerTrust} and fails the handshake. */
  protected final void refuse(Decision.Refused refused) throws PeerRefusedException {
    decisions.accept(refused);
    throw new PeerRefusedException(refused);
  }
}
