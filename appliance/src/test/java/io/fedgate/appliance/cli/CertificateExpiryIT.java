package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.node.LocalCredential;
import io.fedgate.certstore.testkit.TestFiles;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A certificate that expires within 30 days shows in {@code fedgate status} and in metrics. */
class CertificateExpiryIT {
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
  void aFreshNodeHasNothingExpiring() throws Exception {
    assertThat(node.local("status").out()).contains("Certificates: none expires within 30 days");
    assertThat(metrics())
        .contains("fedgate_certificates_expiring 0.0")
        .containsPattern("fedgate_certificate_expiry_seconds\\{alias=\"cup\",store=\"cup\"} 6\\.");
  }

  @Test
  void aTrustCertificateExpiringInTenDaysIsReported() throws Exception {
    Path pem =
        TestCertificates.write(
            temp.resolve("expiring.pem"), TestFiles.pem(TestCertificates.expiringRoot().chain()));
    assertThat(node.local("certs", "import-trust", "cup-trust", pem.toString()).exitCode())
        .isZero();

    assertThat(node.local("status").out())
        .contains("Certificates expiring within 30 days:")
        .containsPattern(
            "cup-trust/expiring\\s+expires \\S+ \\((9|10) days left\\) CN=Expiring Partner Root");
    String metrics = metrics();
    assertThat(metrics).contains("fedgate_certificates_expiring 1.0");
    Matcher seconds =
        Pattern.compile(
                "fedgate_certificate_expiry_seconds\\{alias=\"expiring\",store=\"cup-trust\"} (\\S+)")
            .matcher(metrics);
    assertThat(seconds.find()).as(metrics).isTrue();
    assertThat(Double.parseDouble(seconds.group(1))).isBetween(9 * 86_400.0, 10 * 86_400.0);
    assertThat(node.local("status", "--json").out()).contains("\"expiringCertificates\"");
  }

  private String metrics() throws Exception {
    String token = LocalCredential.read(node.dataDir).orElseThrow().token();
    HttpResponse<String> response = node.get("/metrics", "Bearer " + token);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
