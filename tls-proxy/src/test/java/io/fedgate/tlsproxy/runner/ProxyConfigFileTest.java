package io.fedgate.tlsproxy.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.testkit.CertificateBuilder;
import io.fedgate.certstore.testkit.IssuedIdentity;
import io.fedgate.certstore.testkit.TestFiles;
import io.fedgate.certstore.testkit.TestPki;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.config.ProxyInstance;
import io.fedgate.tlsproxy.netty.TlsProvider;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyConfigFileTest {
  static final String FILE =
      String.join(
          "\n",
          "proxy.threads = 2",
          "trustpoint.imp_public.certificate = public.pem",
          "trustpoint.imp_public.key = public.key",
          "trustpoint.imp_public.fqdn = imp.example.com",
          "trustpoint.imp_proxy.certificate = inside.pem",
          "trustpoint.imp_proxy.key = inside.key",
          "trustpoint.imp_proxy.enrollment = self",
          "trustpoint.partner_ca.certificate = root.pem",
          "instance.ent_external_to_imp.direction = inbound",
          "instance.ent_external_to_imp.server-trust-point = imp_public",
          "instance.ent_external_to_imp.server-trust = partner_ca",
          "instance.ent_external_to_imp.peer-subjects = sip.partner.example, edge.partner.example",
          "instance.ent_external_to_imp.client-trust-point = imp_proxy",
          "instance.ent_external_to_imp.client-trust = partner_ca",
          "instance.ent_external_to_imp.upstream-name = imp1.inside.example",
          "instance.ent_external_to_imp.access-list = partner_to_imp",
          "instance.ent_external_to_imp.handshake-timeout = 3000",
          "acl.partner_to_imp.10 = permit tcp any host 127.0.0.42 eq 5062 domain partner.example",
          "acl.partner_to_imp.2 = deny tcp host 127.0.0.43 any",
          "pat.1 = 127.0.0.42:5062 127.0.0.41:5061 ent_external_to_imp",
          "pat.2 = 127.0.0.42:5080 127.0.0.41:5080");

  static void writePki(Path folder) throws IOException {
    TestPki pki = TestPki.shared();
    IssuedIdentity id =
        CertificateBuilder.leaf("imp.example.com")
            .dns("imp.example.com")
            .signedBy(pki.intermediate());
    Files.write(folder.resolve("public.pem"), TestFiles.pem(id.chainWithoutRoot()));
    Files.write(folder.resolve("public.key"), TestFiles.keyPem(id.privateKey()));
    Files.write(folder.resolve("inside.pem"), TestFiles.pem(id.chainWithoutRoot()));
    Files.write(folder.resolve("inside.key"), TestFiles.keyPem(id.privateKey()));
    Files.write(folder.resolve("root.pem"), TestFiles.pem(List.of(pki.root().certificate())));
  }

  private static Properties properties(String text) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(text));
    return p;
  }

  @Test
  void aCompleteFileLoadsWithItsTrustPointsReadable(@TempDir Path folder) throws IOException {
    writePki(folder);

    ProxyConfigFile.Loaded loaded = ProxyConfigFile.read(properties(FILE), folder);

    assertThat(loaded.problems()).isEmpty();
    ProxyInstance instance = loaded.config().instance("ent_external_to_imp").orElseThrow();
    assertThat(instance.direction()).isEqualTo(Direction.INBOUND);
    assertThat(instance.peerSubjects())
        .containsExactly("sip.partner.example", "edge.partner.example");
    assertThat(instance.limits().handshakeTimeout().toMillis()).isEqualTo(3000);
    assertThat(loaded.config().accessList("partner_to_imp").orElseThrow().entries())
        .extracting(e -> e.action() + " " + e.partnerDomain().orElse("-"))
        .containsExactly("DENY -", "PERMIT partner.example");
    assertThat(loaded.tlsProvider()).isEqualTo(TlsProvider.AUTO);
    assertThat(loaded.config().mappingsOf("ent_external_to_imp")).hasSize(1);
    assertThat(
            loaded.trustPoints().identity("imp_public").leaf().getSubjectX500Principal().getName())
        .contains("CN=imp.example.com");
    assertThat(loaded.trustPoints().certificates("partner_ca")).hasSize(1);
  }

  @Test
  void theTlsProviderIsChosenOrRefused(@TempDir Path folder) throws IOException {
    writePki(folder);

    assertThat(
            ProxyConfigFile.read(properties(FILE + "\nproxy.tls-provider = JDK"), folder)
                .tlsProvider())
        .isEqualTo(TlsProvider.JDK);
    assertThat(
            ProxyConfigFile.read(properties(FILE + "\nproxy.tls-provider = conscrypt"), folder)
                .problems())
        .containsExactly(new ConfigProblem("proxy.tls-provider", "auto, jdk or openssl"));
  }

  @Test
  void everyProblemOfABrokenFileIsReported(@TempDir Path folder) throws IOException {
    String broken =
        FILE.replace(
                "acl.partner_to_imp.2 = deny tcp host 127.0.0.43 any",
                "acl.partner_to_imp.2 = drop everything")
            + "\ninstance.ent_external_to_imp.colour = blue"
            + "\npat.3 = nowhere"
            + "\nlisten.port = 5061";

    ProxyConfigFile.Loaded loaded = ProxyConfigFile.read(properties(broken), folder);

    assertThat(loaded.problems())
        .extracting(ConfigProblem::field)
        .containsExactlyInAnyOrder(
            "trustpoint.imp_public.certificate",
            "trustpoint.imp_public.key",
            "trustpoint.imp_proxy.certificate",
            "trustpoint.imp_proxy.key",
            "trustpoint.partner_ca.certificate",
            "instance.ent_external_to_imp.colour",
            "acl.partner_to_imp.2",
            "pat.3",
            "listen.port");
  }
}
