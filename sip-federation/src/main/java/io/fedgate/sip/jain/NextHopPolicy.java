package io.fedgate.sip.jain;

import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.TlsSecurityPolicy;
import io.fedgate.certstore.trust.Decision;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the certificate of a freshly connected outbound TLS peer against the host of the route's
 * next hop (RFC 6125 DNS-ID, CN only without SAN names): JAIN-SIP calls it once the handshake of a
 * new connection has completed and before the request that opened it is written. A refusal throws,
 * and the request is not sent to that peer.
 */
final class NextHopPolicy implements TlsSecurityPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(NextHopPolicy.class);

  private final FederationTrustManager trust;

  NextHopPolicy(FederationTrustManager trust) {
    this.trust = trust;
  }

  @Override
  public void enforceTlsPolicy(ClientTransactionExt transaction) throws SecurityException {
    if (transaction == null) {
      return;
    }
    Object data = transaction.getApplicationData();
    if (!(data instanceof OutboundContext context)) {
      throw new SecurityException("outbound TLS without an expected next hop");
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate certificate : transaction.getPeerCertificates()) {
        chain.add((X509Certificate) certificate);
      }
    } catch (SSLPeerUnverifiedException | UnsupportedOperationException e) {
      throw new SecurityException("the next hop presented no certificate");
    }
    Decision decision = trust.outbound(chain, context.expectedHost());
    if (decision instanceof Decision.Refused refused) {
      LOG.warn(
          "next hop {} refused: {} {}", context.expectedHost(), refused.reason(), refused.detail());
      context.refused(refused);
      throw new SecurityException(refused.reason() + ": " + refused.detail());
    }
  }
}
