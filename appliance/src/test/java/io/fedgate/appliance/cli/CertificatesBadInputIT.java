package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.node.LocalCredential;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestFiles;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad uploads through the CLI and the REST API of a running node: each is refused with the
 * cert-store code and a sentence naming the problem, the CLI exits non-zero, the stores are exactly
 * as before and nothing is audited.
 */
class CertificatesBadInputIT {
  private static final int TEN_MB = 10 * 1024 * 1024;

  @TempDir Path temp;
  private TestNode node;
  private String storesBefore;
  private int auditBefore;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(temp.resolve("data"));
    assertThat(node.local("certs", "csr", "cup", "--out", temp.resolve("cup.csr").toString()))
        .extracting(TestNode.CliRun::exitCode)
        .isEqualTo(0);
    storesBefore = stores();
    auditBefore = node.node.recentAudit(1000).size();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private String stores() {
    return node.local("certs", "list", "--json").out();
  }

  private void refused(TestNode.CliRun run, String expected) {
    assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
    assertThat(run.err()).contains("fedgate: " + expected);
    assertThat(stores()).as("stores unchanged").isEqualTo(storesBefore);
    assertThat(node.node.recentAudit(1000)).as("nothing audited").hasSize(auditBefore);
  }

  private Path file(String name, byte[] content) throws Exception {
    return TestCertificates.write(temp.resolve(name), content);
  }

  @Test
  void garbageInsideAPemBlock() throws Exception {
    Path garbage =
        file(
            "garbage.pem",
            "-----BEGIN CERTIFICATE-----\nnot*base64*at*all\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII));

    refused(node.local("certs", "import-trust", "cup-trust", garbage.toString()), "UNPARSEABLE: ");
  }

  @Test
  void aCertificateThatDoesNotMatchThePendingKey() throws Exception {
    Path other = file("other.pem", TestFiles.pem(TestCertificates.leaf().chain()));

    refused(
        node.local("certs", "import-signed", "cup", other.toString()),
        "KEY_MISMATCH: the certificate 'CN=localhost,O=fedgate test' (SHA-256 ");
  }

  @Test
  void aTruncatedChain() throws Exception {
    IssuedIdentity leaf = TestCertificates.leaf();
    Path chain = file("leaf.pem", TestFiles.pem(leaf.leafOnly()));
    Path key = file("leaf.key", TestFiles.keyPem(leaf.privateKey()));

    refused(
        node.local("certs", "import-identity", "cup", chain.toString(), "--key", key.toString()),
        "INCOMPLETE_CHAIN: the chain is incomplete: the issuer"
            + " 'CN=fedgate Test Intermediate CA,O=fedgate test'");
  }

  @Test
  void aWrongPassword() throws Exception {
    Path p12 = file("id.p12", TestFiles.pkcs12(TestCertificates.leaf(), "right".toCharArray()));
    Path wrong = Files.writeString(temp.resolve("wrong-pw"), "Tr0ub4dor&3\n");

    TestNode.CliRun run =
        node.local(
            "certs",
            "import-identity",
            "cup-xmpp",
            p12.toString(),
            "--key-password-file",
            wrong.toString());

    refused(run, "WRONG_PASSWORD: ");
    assertThat(run.err() + run.out()).doesNotContain("Tr0ub4dor");
  }

  @Test
  void aTenMegabyteFileIsRefusedByTheCliBeforeItIsSent() throws Exception {
    Path huge = file("huge.pem", new byte[TEN_MB]);

    refused(
        node.local("certs", "import-trust", "cup-trust", huge.toString()),
        "UPLOAD_TOO_LARGE: " + huge + " has 10485760 bytes, more than the limit of 1048576");
  }

  @Test
  void theApiRefusesATenMegabyteUploadFromItsHeadersAlone() throws Exception {
    String token = LocalCredential.read(node.dataDir).orElseThrow().token();
    String request =
        "POST /api/v1/certificates/cup-trust/trust?alias=huge HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Authorization: Bearer "
            + token
            + "\r\nContent-Type: application/octet-stream\r\n"
            + "Expect: 100-continue\r\n"
            + "Content-Length: "
            + TEN_MB
            + "\r\n\r\n";

    // only the headers are sent: a node that wanted the body would answer "100 Continue" first
    String response = node.rawHttps(request);

    assertThat(response)
        .startsWith("HTTP/1.1 413")
        .contains("UPLOAD_TOO_LARGE: the upload has 10485760 bytes (Content-Length)");
    assertThat(stores()).isEqualTo(storesBefore);
  }

  @Test
  void theApiRefusesATenMegabyteBodySentWithoutAsking() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/v1/certificates/cup-trust/trust?alias=huge",
            HttpRequest.BodyPublishers.ofByteArray(new byte[TEN_MB]));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body())
        .contains("UPLOAD_TOO_LARGE: the upload has 10485760 bytes (Content-Length)");
    assertThat(stores()).isEqualTo(storesBefore);
  }

  @Test
  void theApiCutsAChunkedUploadAtTheLimit() throws Exception {
    byte[] overLimit = new byte[1024 * 1024 + 100];
    HttpResponse<String> response =
        post(
            "/api/v1/certificates/cup-trust/trust?alias=chunked",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(overLimit)));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body())
        .contains("UPLOAD_TOO_LARGE: the upload has more than 1048576 bytes");
    assertThat(stores()).isEqualTo(storesBefore);
  }

  @Test
  void anUnknownStoreAndAWrongStoreKindAreNamed() throws Exception {
    Path root = file("root.pem", TestFiles.pem(List.of(TestCertificates.PKI.root().certificate())));

    refused(
        node.local("certs", "import-trust", "cup-trusted", root.toString()),
        "no certificate store 'cup-trusted'; stores: cup, cup-trust, cup-xmpp, cup-xmpp-trust,"
            + " admin");
    refused(
        node.local("certs", "import-trust", "cup", root.toString()),
        "WRONG_STORE_KIND: cup is an identity store");
  }

  private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
    String token = LocalCredential.read(node.dataDir).orElseThrow().token();
    return node.https()
        .send(
            HttpRequest.newBuilder(node.adminUrl().resolve(path))
                .header("Authorization", "Bearer " + token)
                .POST(body)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
