package io.fedgate.certstore.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestPki;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reasons and anchors the matrix does not reach. */
class PeerTrustTest {
  private static final TestPki PKI = TestPki.shared();
  private final PeerTrust trust = new PeerTrust(TestPki.clock());
  private final PeerExpectation anyInbound = PeerExpectation.inbound(PeerSubjects.unrestricted());

  @Test
  void noCertificateIsRefused() {
    Decision decision = trust.decide(List.of(), PKI.trustStore(), anyInbound);

    assertThat(((Decision.Refused) decision).reason()).isEqualTo(RefusalReason.NO_CERTIFICATE);
  }

  @Test
  void aLeafUsedAsIssuerFailsPkixAsInvalidChain() {
    IssuedIdentity notACa = PKI.leaf(PeerVariant.GOOD);
    IssuedIdentity forged = CertificateBuilder.leaf("sip.partner.example").signedBy(notACa);

    Decision decision = trust.decide(forged.chain(), PKI.trustStore(), anyInbound);

    Decision.Refused refused = (Decision.Refused) decision;
    assertThat(refused.reason()).isEqualTo(RefusalReason.INVALID_CHAIN);
    assertThat(refused.detail()).contains("CN=sip.partner.example");
  }

  @Test
  void anImpostorIntermediateWithTheRightNameIsAnInvalidChain() {
    IssuedIdentity impostor = CertificateBuilder.ca("fedgate Test Intermediate CA").selfSigned();
    IssuedIdentity leaf = CertificateBuilder.leaf("sip.partner.example").signedBy(impostor);
    List<java.security.cert.X509Certificate> presented =
        List.of(leaf.certificate(), PKI.intermediate().certificate());

    Decision decision = trust.decide(presented, PKI.trustStore(), anyInbound);

    assertThat(((Decision.Refused) decision).reason()).isEqualTo(RefusalReason.INVALID_CHAIN);
  }

  @Test
  void aPinnedSelfSignedPeerCertificateIsTrusted() {
    IssuedIdentity pinned = PKI.leaf(PeerVariant.SELF_SIGNED);
    TrustedCertificates store = new TrustedCertificates("cup-trust", pinned.chain());

    Decision decision = trust.decide(pinned.chain(), store, anyInbound);

    assertThat(decision.trusted()).isTrue();
  }

  @Test
  void anIntermediateInTheStoreIsAnAnchor() {
    TrustedCertificates store =
        new TrustedCertificates("cup-trust", List.of(PKI.intermediate().certificate()));

    Decision decision = trust.decide(PKI.leaf(PeerVariant.GOOD).leafOnly(), store, anyInbound);

    assertThat(decision.trusted()).isTrue();
    assertThat(((Decision.Trusted) decision).detail()).contains("Intermediate");
  }

  @Test
  void anExpiredRootIsNamedInTheRefusal() {
    IssuedIdentity oldRoot = CertificateBuilder.ca("Old Root").expired().selfSigned();
    IssuedIdentity leaf = CertificateBuilder.leaf("sip.partner.example").signedBy(oldRoot);
    TrustedCertificates store =
        new TrustedCertificates("cup-trust", List.of(oldRoot.certificate()));

    Decision.Refused refused = (Decision.Refused) trust.decide(leaf.chain(), store, anyInbound);

    assertThat(refused.reason()).isEqualTo(RefusalReason.EXPIRED);
    assertThat(refused.detail()).contains("CN=Old Root").contains("expired at");
  }

  @Test
  void refusalsNameTheTrustStoreAndTheExpectedName() {
    Decision.Refused untrusted =
        (Decision.Refused)
            trust.decide(
                PKI.presentedChain(PeerVariant.UNKNOWN_ROOT), PKI.trustStore(), anyInbound);
    Decision.Refused mismatch =
        (Decision.Refused)
            trust.decide(
                PKI.presentedChain(PeerVariant.WRONG_SAN),
                PKI.trustStore(),
                PeerExpectation.outbound(ReferenceIdentity.xmppServer("partner.example")));

    assertThat(untrusted.detail()).contains("CN=Unknown Root CA").contains("cup-trust");
    assertThat(mismatch.detail())
        .contains("'partner.example' (DNS-ID, SRV-ID _xmpp-server, XmppAddr)")
        .contains("other.example");
  }
}
