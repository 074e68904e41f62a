package io.fedgate.certstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.check.ExpiringCertificate;
import io.fedgate.certstore.check.ExpiryScan;
import io.fedgate.certstore.check.FindingCode;
import io.fedgate.certstore.pki.CertificateDetails;
import io.fedgate.certstore.pki.Identity;
import io.fedgate.certstore.pki.KeyPairCheck;
import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateStoresTest {
  private final StoreFixture fixture = new StoreFixture().withTestRoot();
  private final CertificateStores stores = fixture.stores;
  private static final TestPki PKI = TestPki.shared();

  @Test
  void regenerateMakesASelfSignedIdentityForTheNodeAndEveryLocalDomain() {
    CertificateView view =
        stores
            .regenerate(StoreName.CUP_XMPP, "identity", StoreFixture.NODE, Duration.ofDays(730))
            .value();

    CertificateDetails leaf = view.leaf().orElseThrow();
    assertThat(leaf.names().dnsNames())
        .containsExactly("node1.fedgate.example", "fedgate.example", "chat.example");
    assertThat(leaf.extendedKeyUsages()).containsExactly("serverAuth", "clientAuth");
    assertThat(leaf.key().toString()).isEqualTo("RSA 2048");
    assertThat(leaf.selfSigned()).isTrue();
    assertThat(leaf.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(view.hasPrivateKey()).isTrue();
    assertThat(view.store()).isEqualTo(StoreName.CUP_XMPP);
  }

  @Test
  void theKeyIsStoredSealedAndNeverShown() {
    stores.regenerate(StoreName.CUP, "identity", StoreFixture.NODE, Duration.ofDays(365)).value();
    Identity identity = stores.identity(StoreName.CUP, "identity").value();
    byte[] clear = identity.privateKey().getEncoded();
    CertificateEntry row = fixture.repository.list(StoreName.CUP).get(0);

    assertThat(row.sealedPrivateKey()).isNotEqualTo(clear);
    assertThat(new String(row.sealedPrivateKey(), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(new String(clear, 0, 32, java.nio.charset.StandardCharsets.ISO_8859_1));
    String shown =
        stores.list(StoreName.CUP)
            + row.toString()
            + identity
            + stores.exportPem(StoreName.CUP, "identity").value();
    assertThat(shown)
        .doesNotContain("PRIVATE KEY")
        .doesNotContain(Base64.getEncoder().encodeToString(clear).substring(0, 40));
    assertThat(KeyPairCheck.matches(identity.privateKey(), identity.leaf().getPublicKey()))
        .isTrue();
  }

  @Test
  void aCsrCarriesTheSansAndBothEkusAndKeepsTheKeyPending() throws Exception {
    String csrPem =
        stores
            .generateCsr(StoreName.CUP_XMPP, "identity", StoreFixture.NODE, KeyType.EC_P256)
            .value();

    PKCS10CertificationRequest csr = StoreFixture.parseCsr(csrPem);
    Extensions extensions =
        Extensions.getInstance(
            csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                .getAttrValues()
                .getObjectAt(0));
    GeneralName[] sans =
        GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName).getNames();
    ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(extensions);
    assertThat(csr.getSubject().toString()).isEqualTo("CN=node1.fedgate.example");
    assertThat(List.of(sans).stream().map(n -> n.getName().toString()))
        .containsExactly("node1.fedgate.example", "fedgate.example", "chat.example");
    assertThat(eku.hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth)).isTrue();
    assertThat(eku.hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth)).isTrue();
    CertificateView pending = stores.show(StoreName.CUP_XMPP, "identity").orElseThrow();
    assertThat(pending.kind()).isEqualTo(EntryKind.PENDING);
    assertThat(pending.csrPem()).contains(csrPem);
    assertThat(pending.hasPrivateKey()).isTrue();
  }

  /** How the CA's answer is uploaded. */
  enum SignedUpload {
    PEM_LEAF_AND_INTERMEDIATE(i -> TestFiles.pem(i.chainWithoutRoot())),
    PEM_WHOLE_CHAIN_ROOT_FIRST(
        i -> TestFiles.pem(List.of(i.chain().get(2), i.chain().get(1), i.chain().get(0)))),
    PKCS7_DER(i -> TestFiles.pkcs7(i.chain()));

    final Function<IssuedIdentity, byte[]> encode;

    SignedUpload(Function<IssuedIdentity, byte[]> encode) {
      this.encode = encode;
    }
  }

  @ParameterizedTest
  @EnumSource(SignedUpload.class)
  void theSignedCertificateReplacesThePendingRequest(SignedUpload upload) throws Exception {
    String csr =
        stores.generateCsr(StoreName.CUP, "identity", StoreFixture.NODE, KeyType.RSA_2048).value();
    IssuedIdentity signed =
        CertificateBuilder.leaf("node1.fedgate.example")
            .dns("node1.fedgate.example")
            .publicKey(StoreFixture.publicKeyOf(csr))
            .signedBy(PKI.intermediate());

    CertificateView view =
        stores.importSigned(StoreName.CUP, "identity", upload.encode.apply(signed)).value();

    assertThat(view.kind()).isEqualTo(EntryKind.IDENTITY);
    assertThat(view.chain())
        .extracting(CertificateDetails::subject)
        .containsExactly(
            "CN=node1.fedgate.example,O=fedgate test",
            "CN=fedgate Test Intermediate CA,O=fedgate test",
            "CN=fedgate Test Root CA,O=fedgate test");
    assertThat(stores.list(StoreName.CUP))
        .extracting(CertificateView::kind)
        .containsExactly(EntryKind.IDENTITY);
    Identity identity = stores.identity(StoreName.CUP, "identity").value();
    assertThat(KeyPairCheck.matches(identity.privateKey(), signed.certificate().getPublicKey()))
        .isTrue();
    assertThat(stores.preflight(StoreName.CUP, "identity", StoreFixture.NODE).value().findings())
        .isEmpty();
  }

  @Test
  void aDerLeafIsCompletedFromTheTrustStore() throws Exception {
    stores
        .importTrust(
            StoreName.CUP_TRUST,
            "test-intermediate",
            TestFiles.der(PKI.intermediate().certificate()))
        .value();
    String csr =
        stores.generateCsr(StoreName.CUP, "identity", StoreFixture.NODE, KeyType.RSA_2048).value();
    IssuedIdentity signed =
        CertificateBuilder.leaf("node1.fedgate.example")
            .dns("node1.fedgate.example")
            .publicKey(StoreFixture.publicKeyOf(csr))
            .signedBy(PKI.intermediate());

    CertificateView view =
        stores.importSigned(StoreName.CUP, "identity", TestFiles.der(signed.certificate())).value();

    assertThat(view.chain()).hasSize(2);
  }

  @Test
  void anIdentityImportsFromPkcs12() {
    IssuedIdentity own = node1Identity();
    char[] password = "s3cret".toCharArray();

    CertificateView view =
        stores
            .importIdentity(StoreName.CUP, "identity", TestFiles.pkcs12(own, password), password)
            .value();

    assertThat(view.leaf().orElseThrow().names().dnsNames()).contains("node1.fedgate.example");
  }

  @Test
  void anIdentityImportsFromAnEncryptedPkcs8KeyAndAChainInAnyOrder() {
    IssuedIdentity own = node1Identity();
    char[] password = "s3cret".toCharArray();
    byte[] upload =
        TestFiles.concat(
            TestFiles.pem(List.of(own.chain().get(2), own.chain().get(1))),
            TestFiles.encryptedKeyPem(own.privateKey(), password),
            TestFiles.pem(List.of(own.certificate())));

    CertificateView view =
        stores.importIdentity(StoreName.ADMIN, "identity", upload, password).value();

    assertThat(view.chain()).hasSize(3);
    assertThat(view.chain().get(0).subject()).startsWith("CN=node1.fedgate.example");
  }

  @Test
  void anIdentityImportsFromAPlainPemKey() {
    IssuedIdentity own = node1Identity();
    byte[] upload =
        TestFiles.concat(TestFiles.keyPem(own.privateKey()), TestFiles.pem(own.chain()));

    assertThat(stores.importIdentity(StoreName.CUP, "identity", upload, null).isAccepted())
        .isTrue();
  }

  @Test
  void trustCertificatesAreListedExportedAndDeleted() {
    String exported = stores.exportPem(StoreName.CUP_TRUST, "test-root").value();

    assertThat(stores.trusted(StoreName.CUP_TRUST).certificates())
        .containsExactly(PKI.root().certificate());
    assertThat(exported).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(stores.delete(StoreName.CUP_TRUST, "test-root").isAccepted()).isTrue();
    assertThat(stores.list(StoreName.CUP_TRUST)).isEmpty();
    assertThat(stores.list(StoreName.CUP_XMPP_TRUST)).hasSize(1);
  }

  @Test
  void deletingAnIdentityAlsoCancelsItsPendingRequest() {
    stores.regenerate(StoreName.CUP, "identity", StoreFixture.NODE, Duration.ofDays(365)).value();
    stores.generateCsr(StoreName.CUP, "identity", StoreFixture.NODE, KeyType.RSA_2048).value();

    stores.delete(StoreName.CUP, "identity").value();

    assertThat(stores.list(StoreName.CUP)).isEmpty();
  }

  @Test
  void listenersAreAFieldTheCallerFills() {
    CertificateView view =
        stores
            .regenerate(StoreName.CUP, "identity", StoreFixture.NODE, Duration.ofDays(365))
            .value();

    assertThat(view.listeners()).isEmpty();
    assertThat(view.withListeners(List.of("SIP TLS 5061")).listeners())
        .containsExactly("SIP TLS 5061");
  }

  @Test
  void certificatesExpiringWithinThirtyDaysAreReported() {
    IssuedIdentity soon =
        CertificateBuilder.leaf("node1.fedgate.example")
            .dns("node1.fedgate.example")
            .expiringSoon()
            .signedBy(PKI.intermediate());
    stores
        .importIdentity(
            StoreName.CUP,
            "identity",
            TestFiles.concat(TestFiles.keyPem(soon.privateKey()), TestFiles.pem(soon.chain())),
            null)
        .value();

    List<ExpiringCertificate> expiring = stores.expiring(ExpiryScan.DEFAULT_WINDOW);

    assertThat(expiring).hasSize(1);
    assertThat(expiring.get(0).alias()).isEqualTo("identity");
    assertThat(expiring.get(0).daysLeft()).isEqualTo(10);
    assertThat(stores.preflight(StoreName.CUP, "identity", StoreFixture.NODE).value().codes())
        .containsExactly(FindingCode.EXPIRING_SOON);
  }

  private static IssuedIdentity node1Identity() {
    return CertificateBuilder.leaf("node1.fedgate.example")
        .dns("node1.fedgate.example")
        .signedBy(PKI.intermediate());
  }
}
