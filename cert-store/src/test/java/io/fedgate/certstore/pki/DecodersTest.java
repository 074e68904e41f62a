package io.fedgate.certstore.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.RejectionCode;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DecodersTest {
  private static final TestPki PKI = TestPki.shared();
  private final CertificateDecoder certificates = new CertificateDecoder(UploadLimit.DEFAULT);
  private final IdentityDecoder identities = new IdentityDecoder(UploadLimit.DEFAULT);

  @Test
  void aPemPkcs7BlockYieldsItsCertificates() throws Exception {
    IssuedIdentity leaf = PKI.leaf(PeerVariant.GOOD);
    String pem =
        "-----BEGIN PKCS7-----\n"
            + Base64.getMimeEncoder().encodeToString(TestFiles.pkcs7(leaf.chain()))
            + "\n-----END PKCS7-----\n";

    assertThat(certificates.decode(pem.getBytes(StandardCharsets.US_ASCII)))
        .containsExactlyInAnyOrderElementsOf(leaf.chain());
  }

  @Test
  void theLimitIsCheckedBeforeParsing() {
    byte[] tooBig = new byte[101];

    assertThatThrownBy(() -> new CertificateDecoder(new UploadLimit(100)).decode(tooBig))
        .isInstanceOfSatisfying(
            RejectedInputException.class,
            e -> assertThat(e.rejection().code()).isEqualTo(RejectionCode.UPLOAD_TOO_LARGE));
  }

  @Test
  void aPemIdentityPutsTheLeafFirstWhateverTheOrder() throws Exception {
    IssuedIdentity leaf = PKI.leaf(PeerVariant.GOOD);
    byte[] upload =
        TestFiles.concat(
            TestFiles.pem(java.util.List.of(leaf.chain().get(2), leaf.chain().get(1))),
            TestFiles.keyPem(leaf.privateKey()),
            TestFiles.pem(leaf.leafOnly()));

    Identity identity = identities.decode(upload, null);

    assertThat(identity.leaf()).isEqualTo(leaf.certificate());
    assertThat(identity.chain()).hasSize(3);
    assertThat(identity.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void anEcIdentityDecodesFromPkcs12() throws Exception {
    IssuedIdentity ec =
        CertificateBuilder.leaf("ec.fedgate.example")
            .keyType(KeyType.EC_P256)
            .signedBy(PKI.intermediate());
    char[] password = "pw".toCharArray();

    Identity identity = identities.decode(TestFiles.pkcs12(ec, password), password);

    assertThat(KeyStrength.of(identity.leaf().getPublicKey()))
        .isEqualTo(new KeyStrength("EC", 256));
    assertThat(KeyPairCheck.matches(identity.privateKey(), ec.certificate().getPublicKey()))
        .isTrue();
  }

  @Test
  void presentedIdentifiersReadEveryFederationSanType() {
    IssuedIdentity all =
        CertificateBuilder.leaf("edge.partner.example")
            .dns("edge.partner.example")
            .ip("192.0.2.7")
            .srvId("_xmpp-server.partner.example")
            .xmppAddr("partner.example")
            .signedBy(PKI.intermediate());

    PresentedIdentifiers names = PresentedIdentifiers.of(all.certificate());

    assertThat(names.commonNames()).containsExactly("edge.partner.example");
    assertThat(names.dnsNames()).containsExactly("edge.partner.example");
    assertThat(names.ipAddresses()).containsExactly("192.0.2.7");
    assertThat(names.srvNames()).containsExactly("_xmpp-server.partner.example");
    assertThat(names.xmppAddrs()).containsExactly("partner.example");
  }
}
