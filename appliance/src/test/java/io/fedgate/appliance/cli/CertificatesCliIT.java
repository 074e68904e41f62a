package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.pki.CertificateDetails;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate stores of a running node through {@code fedgate certs}: list, import trust, a
 * PKCS#12 identity, CSR then the CA's answer, regenerate, export, and the services each change
 * flags (or, for the admin identity, the live reload).
 */
class CertificatesCliIT {
  @TempDir Path temp;
  private TestNode node;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(temp.resolve("data"));
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void listShowsTheFirstStartIdentitiesWithTheirDetailsAndListeners() {
    TestNode.CliRun list = node.local("certs", "list");

    assertThat(list.exitCode()).isZero();
    assertThat(list.out())
        .contains(
            "admin/admin  IDENTITY  key sealed on the node  used by: admin",
            "cup/cup  IDENTITY  key sealed on the node  used by: sip-peer-auth, sip-server-auth",
            "cup-xmpp/cup-xmpp  IDENTITY  key sealed on the node  used by: xmpp-s2s,"
                + " xmpp-s2s-direct-tls, xmpp-c2s, xmpp-c2s-direct-tls",
            "subject:  CN=localhost,O=fedgate self-signed",
            "SANs:     DNS:localhost, IP:127.0.0.1",
            "issuer:   CN=localhost,O=fedgate self-signed (self-signed)",
            "key:      RSA 2048",
            "EKUs:     serverAuth, clientAuth",
            "SHA-256:  ")
        .containsPattern("serial:\\s+[0-9A-F]+")
        .containsPattern("valid:\\s+\\d{4}-\\d\\d-\\d\\dT.* to \\d{4}-");
    TestNode.CliRun json = node.local("certs", "list", "--json");
    assertThat(json.out()).doesNotContain("PRIVATE KEY", "sealedPrivateKey");
  }

  @Test
  void preflightWarnsThatASelfSignedIdentityMustBeImportedByEveryPartner() {
    TestNode.CliRun cup = node.local("certs", "check", "cup");
    TestNode.CliRun notAnIdentity = node.local("certs", "check", "cup-trust");

    assertThat(cup.exitCode()).isZero();
    assertThat(cup.out())
        .containsPattern(
            "WARNING\\s+SELF_SIGNED\\s+'CN=localhost,O=fedgate self-signed' is self-signed")
        .contains("cup: usable");
    assertThat(notAnIdentity.exitCode()).isEqualTo(1);
    assertThat(notAnIdentity.err()).contains("cup-trust");
  }

  @Test
  void importedTrustIsListedAuditedAndFlagsTheSipProxy() throws Exception {
    Path root =
        TestCertificates.write(
            temp.resolve("partner-root.pem"),
            TestFiles.pem(List.of(TestCertificates.PKI.root().certificate())));

    TestNode.CliRun imported = node.local("certs", "import-trust", "cup-trust", root.toString());

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out())
        .contains("cup-trust/partner-root  TRUST  used by: sip-peer-auth")
        .contains("subject:  CN=fedgate Test Root CA,O=fedgate test")
        .contains("restart required: SIP Proxy");
    assertThat(node.local("certs", "list", "--store", "cup-trust").out())
        .contains("cup-trust/partner-root");
    assertThat(node.local("utils", "service", "list").out())
        .containsPattern(
            "SIP Proxy\\s+RUNNING\\s+\\[restart required: certificate store cup-trust changed\\]")
        .doesNotContainPattern("XMPP Federation Connection Manager\\s+RUNNING\\s+\\[");
    assertThat(node.local("utils", "audit", "--limit", "1").out())
        .contains("admin", "CREATE", "certificate/cup-trust/partner-root", "fedgate Test Root CA");
  }

  @Test
  void aPkcs12IdentityFromTheTestPkiReplacesTheXmppIdentity() throws Exception {
    IssuedIdentity leaf = TestCertificates.leaf();
    Path p12 =
        TestCertificates.write(
            temp.resolve("xmpp.p12"), TestFiles.pkcs12(leaf, "s3cret pw".toCharArray()));
    Path password = Files.writeString(temp.resolve("pw"), "s3cret pw\n");

    TestNode.CliRun imported =
        node.local(
            "certs",
            "import-identity",
            "cup-xmpp",
            p12.toString(),
            "--key-password-file",
            password.toString());

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out())
        .contains("issuer:   CN=fedgate Test Intermediate CA,O=fedgate test")
        .contains("restart required: XMPP Connection Manager, XMPP Federation Connection Manager")
        .doesNotContain("s3cret");
    assertThat(node.local("certs", "show", "cup-xmpp", "cup-xmpp").out())
        .contains("[0]", "[1]", "[2]", "CN=fedgate Test Root CA,O=fedgate test (self-signed)")
        .contains(CertificateDetails.sha256Fingerprint(leaf.certificate()));
    assertThat(node.local("utils", "audit", "--limit", "5").out()).doesNotContain("s3cret");
  }

  @Test
  void aCsrSignedByTheTestCaIsImportedAsTheSipIdentity() throws Exception {
    Path csrFile = temp.resolve("cup.csr");
    TestNode.CliRun csr = node.local("certs", "csr", "cup", "--out", csrFile.toString());
    assertThat(csr.exitCode()).as(csr.err()).isZero();
    String request = Files.readString(csrFile);
    assertThat(request).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    assertThat(node.local("utils", "service", "list").out()).doesNotContain("restart required");

    IssuedIdentity signed = TestCertificates.signedFor(TestCertificates.publicKeyOf(request));
    Path answer = TestCertificates.write(temp.resolve("cup.pem"), TestFiles.pem(signed.chain()));
    TestNode.CliRun imported = node.local("certs", "import-signed", "cup", answer.toString());

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out())
        .contains("cup/cup  IDENTITY  key sealed on the node  used by: sip-peer-auth")
        .contains(CertificateDetails.sha256Fingerprint(signed.certificate()))
        .contains("restart required: SIP Proxy");
    assertThat(node.local("certs", "list", "--store", "cup").out()).doesNotContain("PENDING");
  }

  @Test
  void regenerateAndExportGiveANewCertificateAndNeverAKey() throws Exception {
    Path before = temp.resolve("before.pem");
    Path after = temp.resolve("after.pem");
    node.local("certs", "export", "cup", "cup", "--out", before.toString());

    TestNode.CliRun regenerated = node.local("certs", "regenerate", "cup", "--days", "90");
    node.local("certs", "export", "cup", "cup", "--out", after.toString());

    assertThat(regenerated.exitCode()).as(regenerated.err()).isZero();
    assertThat(regenerated.out()).contains("restart required: SIP Proxy");
    assertThat(Files.readString(after))
        .startsWith("-----BEGIN CERTIFICATE-----")
        .isNotEqualTo(Files.readString(before))
        .doesNotContain("PRIVATE KEY");
    assertThat(node.local("certs", "export", "admin", "admin").out())
        .contains("BEGIN CERTIFICATE")
        .doesNotContain("PRIVATE KEY");
  }

  @Test
  void aNewAdminIdentityIsServedAtOnceAndTheLocalCliFollowsIt() throws Exception {
    String before = Files.readString(node.adminCertificate());

    TestNode.CliRun regenerated = node.local("certs", "regenerate", "admin");

    assertThat(regenerated.exitCode()).as(regenerated.err()).isZero();
    assertThat(regenerated.out()).contains("applied live to: Admin Web");
    String after = Files.readString(node.adminCertificate());
    assertThat(after).isNotEqualTo(before);
    // a new connection pinned to the new run/admin.pem is accepted: the endpoint serves it
    assertThat(node.get("/health", null).statusCode()).isEqualTo(200);
    assertThat(node.local("status").exitCode()).isZero();
    assertThat(node.local("utils", "service", "list").out()).doesNotContain("restart required");
  }

  @Test
  void theIdentityTheNodePresentsCannotBeDeletedButATrustEntryCan() throws Exception {
    Path root =
        TestCertificates.write(
            temp.resolve("root.pem"),
            TestFiles.pem(List.of(TestCertificates.PKI.root().certificate())));
    node.local("certs", "import-trust", "cup-xmpp-trust", root.toString(), "--alias", "partner");

    TestNode.CliRun refused = node.local("certs", "delete", "cup", "cup");
    TestNode.CliRun deleted = node.local("certs", "delete", "cup-xmpp-trust", "partner");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .contains("INVALID_ARGUMENT: cup/cup is the identity the node presents");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.out())
        .contains("deleted cup-xmpp-trust/partner")
        .contains("restart required: XMPP Federation Connection Manager");
    assertThat(node.local("certs", "list", "--store", "cup-xmpp-trust").out()).isEmpty();
  }
}
