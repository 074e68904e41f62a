package io.fedgate.certstore.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.NodeNames;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.ExtendedKeyUsages;
import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestPki;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityPreflightTest {
  private static final TestPki PKI = TestPki.shared();
  private static final NodeNames NODE =
      new NodeNames("node1.fedgate.example", List.of("fedgate.example", "chat.example"));
  private static final List<java.security.cert.X509Certificate> TRUSTED =
      List.of(PKI.root().certificate());

  private final IdentityPreflight preflight = new IdentityPreflight(TestPki.clock());

  private static CertificateBuilder node() {
    return CertificateBuilder.leaf("node1.fedgate.example")
        .dns("node1.fedgate.example", "fedgate.example", "chat.example");
  }

  private PreflightReport check(StoreName store, IssuedIdentity identity) {
    return preflight.check(store, identity.chainWithoutRoot(), NODE, TRUSTED);
  }

  @Test
  void aGoodIdentityHasNoFindings() {
    PreflightReport report = check(StoreName.CUP_XMPP, node().signedBy(PKI.intermediate()));

    assertThat(report.findings()).isEmpty();
    assertThat(report.usable()).isTrue();
  }

  @Test
  void cupXmppMustNameEveryLocalDomain() {
    IssuedIdentity identity =
        CertificateBuilder.leaf("node1.fedgate.example")
            .dns("node1.fedgate.example", "fedgate.example")
            .signedBy(PKI.intermediate());

    PreflightReport xmpp = check(StoreName.CUP_XMPP, identity);

    assertThat(xmpp.codes()).containsExactly(FindingCode.SAN_MISSING_LOCAL_DOMAIN);
    assertThat(xmpp.findings().get(0).detail()).contains("chat.example");
    assertThat(xmpp.usable()).isFalse();
    assertThat(check(StoreName.CUP, identity).findings()).isEmpty();
  }

  @Test
  void aWildcardCoversTheFqdnAndXmppAddrCoversADomain() {
    IssuedIdentity identity =
        CertificateBuilder.leaf("node1.fedgate.example")
            .dns("*.fedgate.example", "fedgate.example")
            .xmppAddr("chat.example")
            .signedBy(PKI.intermediate());

    assertThat(check(StoreName.CUP_XMPP, identity).findings()).isEmpty();
  }

  @Test
  void theFqdnMustBeADnsSan() {
    IssuedIdentity cnOnly =
        CertificateBuilder.leaf("node1.fedgate.example").signedBy(PKI.intermediate());

    assertThat(check(StoreName.CUP, cnOnly).codes())
        .containsExactly(FindingCode.SAN_MISSING_NODE_FQDN);
  }

  @Test
  void bothEkusAreNeededExceptClientAuthForAdmin() {
    IssuedIdentity serverOnly = node().serverAuthOnly().signedBy(PKI.intermediate());
    IssuedIdentity noEku = node().noExtendedKeyUsage().signedBy(PKI.intermediate());

    assertThat(check(StoreName.CUP, serverOnly).codes())
        .containsExactly(FindingCode.MISSING_CLIENT_AUTH_EKU);
    assertThat(check(StoreName.ADMIN, serverOnly).findings()).isEmpty();
    assertThat(check(StoreName.CUP, noEku).codes())
        .containsExactly(FindingCode.MISSING_SERVER_AUTH_EKU, FindingCode.MISSING_CLIENT_AUTH_EKU);
    assertThat(
            check(
                    StoreName.CUP,
                    node()
                        .extendedKeyUsages(ExtendedKeyUsages.CLIENT_AUTH)
                        .signedBy(PKI.intermediate()))
                .codes())
        .containsExactly(FindingCode.MISSING_SERVER_AUTH_EKU);
  }

  @Test
  void smallKeysAreErrorsAndP256IsEnough() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    IssuedIdentity weak = node().keyPair(generator.generateKeyPair()).signedBy(PKI.intermediate());
    IssuedIdentity ec = node().keyType(KeyType.EC_P256).signedBy(PKI.intermediate());

    assertThat(check(StoreName.CUP, weak).codes()).containsExactly(FindingCode.WEAK_KEY);
    assertThat(check(StoreName.CUP, ec).findings()).isEmpty();
  }

  @Test
  void theValidityWindow() {
    assertThat(check(StoreName.CUP, node().expired().signedBy(PKI.intermediate())).codes())
        .containsExactly(FindingCode.EXPIRED);
    assertThat(check(StoreName.CUP, node().notYetValid().signedBy(PKI.intermediate())).codes())
        .containsExactly(FindingCode.NOT_YET_VALID);
    PreflightReport soon = check(StoreName.CUP, node().expiringSoon().signedBy(PKI.intermediate()));
    assertThat(soon.codes()).containsExactly(FindingCode.EXPIRING_SOON);
    assertThat(soon.usable()).isTrue();
    assertThat(soon.findings().get(0).detail()).contains("in 10 days");
  }

  @Test
  void theChainMustReachTheTrustStore() {
    IssuedIdentity good = node().signedBy(PKI.intermediate());
    IssuedIdentity unknown = node().signedBy(PKI.unknownIntermediate());

    assertThat(preflight.check(StoreName.CUP, good.leafOnly(), NODE, TRUSTED).codes())
        .containsExactly(FindingCode.INCOMPLETE_CHAIN);
    assertThat(preflight.check(StoreName.CUP, unknown.chain(), NODE, TRUSTED).codes())
        .containsExactly(FindingCode.ROOT_NOT_IN_TRUST_STORE);
    assertThat(check(StoreName.CUP, node().selfSigned()).codes())
        .containsExactly(FindingCode.SELF_SIGNED);
  }

  @Test
  void expiryScanReportsWithinThirtyDays() {
    var soon = node().expiringSoon().signedBy(PKI.intermediate()).certificate();
    var fine = node().signedBy(PKI.intermediate()).certificate();

    List<ExpiringCertificate> found =
        ExpiryScan.scan(
            StoreName.CUP, "identity", List.of(soon, fine), TestPki.NOW, ExpiryScan.DEFAULT_WINDOW);
    List<ExpiringCertificate> later =
        ExpiryScan.scan(
            StoreName.CUP,
            "identity",
            List.of(soon),
            TestPki.NOW.plus(Duration.ofDays(11)),
            ExpiryScan.DEFAULT_WINDOW);

    assertThat(found).extracting(ExpiringCertificate::daysLeft).containsExactly(10L);
    assertThat(later.get(0).expired()).isTrue();
  }
}
