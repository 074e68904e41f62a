package io.fedgate.certstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.Outcome;
import io.fedgate.certstore.Rejection;
import io.fedgate.certstore.RejectionCode;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every bad upload gets a clear rejection with a stable code naming the problem, and the stores
 * stay exactly as they were (an identity, a pending CSR and trust roots are in place beforehand).
 */
class BadInputTest {
  private static final TestPki PKI = TestPki.shared();
  private static final char[] PASSWORD = "correct horse".toCharArray();
  private static final char[] WRONG = "battery staple".toCharArray();

  private final StoreFixture fixture = new StoreFixture().withTestRoot();
  private final CertificateStores stores = fixture.stores;
  private List<CertificateEntry> before;

  @BeforeEach
  void existingStores() {
    stores.regenerate(StoreName.CUP, "identity", StoreFixture.NODE, Duration.ofDays(365)).value();
    stores.generateCsr(StoreName.CUP, "next", StoreFixture.NODE, KeyType.RSA_2048).value();
    before = fixture.repository.listAll();
  }

  private Rejection rejected(Supplier<Outcome<?>> operation, RejectionCode code) {
    Outcome<?> outcome = operation.get();
    assertThat(outcome.isAccepted()).as("accepted: %s", outcome).isFalse();
    assertThat(outcome.rejection().code()).isEqualTo(code);
    assertThat(fixture.repository.listAll()).as("stores unchanged").isEqualTo(before);
    return outcome.rejection();
  }

  @Test
  void garbageInsideAPemBlock() {
    byte[] garbage =
        "-----BEGIN CERTIFICATE-----\nnot*base64*at*all\n-----END CERTIFICATE-----\n"
            .getBytes(StandardCharsets.US_ASCII);

    Rejection rejection =
        rejected(
            () -> stores.importTrust(StoreName.CUP_TRUST, "partner", garbage),
            RejectionCode.UNPARSEABLE);

    assertThat(rejection.detail()).contains("PEM block");
  }

  @Test
  void bytesThatAreNoCertificateFormat() {
    byte[] noise = "hello, this is not a certificate".getBytes(StandardCharsets.US_ASCII);

    rejected(
        () -> stores.importTrust(StoreName.CUP_TRUST, "partner", noise), RejectionCode.UNPARSEABLE);
  }

  @Test
  void aPemFileCutShort() {
    byte[] pem = TestFiles.pem(List.of(PKI.root().certificate()));
    byte[] cut = Arrays.copyOf(pem, pem.length / 2);

    Rejection rejection =
        rejected(
            () -> stores.importTrust(StoreName.CUP_TRUST, "partner", cut),
            RejectionCode.UNPARSEABLE);

    assertThat(rejection.detail()).contains("cut short");
  }

  @Test
  void aCertificateThatDoesNotMatchThePendingKey() {
    byte[] other = TestFiles.pem(PKI.leaf(PeerVariant.GOOD).chainWithoutRoot());

    Rejection rejection =
        rejected(
            () -> stores.importSigned(StoreName.CUP, "next", other), RejectionCode.KEY_MISMATCH);

    assertThat(rejection.detail()).contains("CN=sip.partner.example").contains("cup/next");
  }

  @Test
  void aTruncatedChainWhoseIntermediateIsNowhere() throws Exception {
    String csr = stores.show(StoreName.CUP, "next").orElseThrow().csrPem().orElseThrow();
    IssuedIdentity signed =
        CertificateBuilder.leaf("node1.fedgate.example")
            .dns("node1.fedgate.example")
            .publicKey(StoreFixture.publicKeyOf(csr))
            .signedBy(PKI.intermediate());

    Rejection rejection =
        rejected(
            () -> stores.importSigned(StoreName.CUP, "next", TestFiles.pem(signed.leafOnly())),
            RejectionCode.INCOMPLETE_CHAIN);

    assertThat(rejection.detail())
        .contains("CN=fedgate Test Intermediate CA")
        .contains("cup-trust");
  }

  @Test
  void aWrongPasswordOnAnEncryptedPkcs8Key() {
    IssuedIdentity own = PKI.leaf(PeerVariant.GOOD);
    byte[] upload =
        TestFiles.concat(
            TestFiles.encryptedKeyPem(own.privateKey(), PASSWORD), TestFiles.pem(own.chain()));

    Rejection rejection =
        rejected(
            () -> stores.importIdentity(StoreName.CUP, "identity", upload, WRONG),
            RejectionCode.WRONG_PASSWORD);

    assertThat(rejection.detail()).contains("password");
  }

  @Test
  void anEncryptedKeyWithoutPassword() {
    IssuedIdentity own = PKI.leaf(PeerVariant.GOOD);
    byte[] upload =
        TestFiles.concat(
            TestFiles.encryptedKeyPem(own.privateKey(), PASSWORD), TestFiles.pem(own.chain()));

    rejected(
        () -> stores.importIdentity(StoreName.CUP, "identity", upload, null),
        RejectionCode.PASSWORD_REQUIRED);
  }

  @Test
  void aWrongPasswordOnAPkcs12File() {
    byte[] upload = TestFiles.pkcs12(PKI.leaf(PeerVariant.GOOD), PASSWORD);

    rejected(
        () -> stores.importIdentity(StoreName.CUP, "identity", upload, WRONG),
        RejectionCode.WRONG_PASSWORD);
  }

  @Test
  void aTenMegabyteUploadIsRefusedBeforeParsing() {
    byte[] huge = new byte[10 * 1024 * 1024];
    Arrays.fill(huge, (byte) 'A');

    Rejection rejection =
        rejected(
            () -> stores.importIdentity(StoreName.CUP, "identity", huge, PASSWORD),
            RejectionCode.UPLOAD_TOO_LARGE);

    assertThat(rejection.detail()).contains("10485760 bytes").contains("1048576 bytes");
    rejected(
        () -> stores.importTrust(StoreName.CUP_TRUST, "x", huge), RejectionCode.UPLOAD_TOO_LARGE);
    rejected(
        () -> stores.importSigned(StoreName.CUP, "next", huge), RejectionCode.UPLOAD_TOO_LARGE);
  }

  @Test
  void anEmptyUpload() {
    rejected(
        () -> stores.importTrust(StoreName.CUP_TRUST, "x", new byte[0]),
        RejectionCode.EMPTY_UPLOAD);
  }

  @Test
  void aKeyWithoutCertificateAndACertificateWithoutKey() {
    IssuedIdentity own = PKI.leaf(PeerVariant.GOOD);

    rejected(
        () ->
            stores.importIdentity(
                StoreName.CUP, "identity", TestFiles.keyPem(own.privateKey()), null),
        RejectionCode.NO_CERTIFICATE);
    rejected(
        () -> stores.importIdentity(StoreName.CUP, "identity", TestFiles.pem(own.chain()), null),
        RejectionCode.NO_PRIVATE_KEY);
  }

  @Test
  void twoKeysInOneUpload() {
    IssuedIdentity a = PKI.leaf(PeerVariant.GOOD);
    IssuedIdentity b = PKI.leaf(PeerVariant.WRONG_SAN);
    byte[] upload =
        TestFiles.concat(
            TestFiles.keyPem(a.privateKey()),
            TestFiles.keyPem(b.privateKey()),
            TestFiles.pem(a.chain()));

    rejected(
        () -> stores.importIdentity(StoreName.CUP, "identity", upload, null),
        RejectionCode.SEVERAL_PRIVATE_KEYS);
  }

  @Test
  void aKeyWhoseCertificateIsAnother() {
    byte[] upload =
        TestFiles.concat(
            TestFiles.keyPem(PKI.leaf(PeerVariant.GOOD).privateKey()),
            TestFiles.pem(PKI.leaf(PeerVariant.WRONG_SAN).chain()));

    rejected(
        () -> stores.importIdentity(StoreName.CUP, "identity", upload, null),
        RejectionCode.KEY_MISMATCH);
  }

  @Test
  void aWeakKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    var pair = generator.generateKeyPair();
    IssuedIdentity weak =
        CertificateBuilder.leaf("node1.fedgate.example").keyPair(pair).signedBy(PKI.intermediate());
    byte[] upload =
        TestFiles.concat(TestFiles.keyPem(pair.getPrivate()), TestFiles.pem(weak.chain()));

    Rejection rejection =
        rejected(
            () -> stores.importIdentity(StoreName.CUP, "identity", upload, null),
            RejectionCode.UNSUPPORTED_KEY);

    assertThat(rejection.detail()).contains("RSA 1024");
  }

  @Test
  void wrongStoreKindsAliasesAndMissingEntries() {
    byte[] root = TestFiles.pem(List.of(PKI.root().certificate()));

    rejected(() -> stores.importTrust(StoreName.CUP, "x", root), RejectionCode.WRONG_STORE_KIND);
    rejected(
        () -> stores.importTrust(StoreName.CUP_TRUST, "bad alias/..", root),
        RejectionCode.INVALID_ALIAS);
    rejected(
        () ->
            stores.regenerate(
                StoreName.CUP_TRUST, "identity", StoreFixture.NODE, Duration.ofDays(1)),
        RejectionCode.WRONG_STORE_KIND);
    rejected(
        () -> stores.importSigned(StoreName.CUP, "identity", root),
        RejectionCode.NO_PENDING_REQUEST);
    rejected(() -> stores.delete(StoreName.CUP, "missing"), RejectionCode.NOT_FOUND);
    rejected(() -> stores.exportPem(StoreName.CUP, "missing"), RejectionCode.NOT_FOUND);
  }

  @Test
  void aKeySealedWithAnotherMasterKeyIsReportedNotThrown() {
    byte[] otherKey = new byte[32];
    var otherNode =
        new CertificateStores(
            fixture.repository,
            new io.fedgate.certstore.pki.KeyProtector(otherKey, new java.security.SecureRandom()),
            TestPki.clock(),
            new java.security.SecureRandom());

    rejected(
        () -> otherNode.identity(StoreName.CUP, "identity"), RejectionCode.SEALED_KEY_UNREADABLE);
  }
}
