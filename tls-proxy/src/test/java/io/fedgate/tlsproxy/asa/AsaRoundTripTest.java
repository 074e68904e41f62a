package io.fedgate.tlsproxy.asa;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.tlsproxy.config.Direction;
import io.fedgate.tlsproxy.config.ProxyConfig;
import io.fedgate.tlsproxy.config.ProxyConfigValidator;
import io.fedgate.tlsproxy.config.SampleConfigs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AsaRoundTripTest {

  static String resource(String name) throws IOException {
    try (InputStream in = AsaRoundTripTest.class.getResourceAsStream("/asa/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theImpRecipeExportsToTheGoldenAsaConfig() throws IOException {
    assertThat(AsaExporter.export(SampleConfigs.impFederation()))
        .isEqualTo(resource("imp-federation.asa"));
  }

  @Test
  void theGoldenAsaConfigImportsBackToTheSameConfig() throws IOException {
    AsaImportResult result = AsaImporter.read(resource("imp-federation.asa"));

    assertThat(result.errors()).isEmpty();
    assertThat(result.config()).contains(SampleConfigs.impFederation());
  }

  @Test
  void aPlainAsaSnippetWithoutFedgateNotesImportsWithWhatTheAsaSays() throws IOException {
    AsaImportResult result = AsaImporter.read(resource("cisco-guide.asa"));

    assertThat(result.errors()).isEmpty();
    ProxyConfig config = result.config().orElseThrow();
    assertThat(config.instances())
        .extracting(i -> i.name() + " " + i.direction() + " " + i.accessList())
        .containsExactly(
            "ent_imp_to_external OUTBOUND imp_to_partner",
            "ent_external_to_imp INBOUND partner_to_imp");
    assertThat(config.instance("ent_imp_to_external").orElseThrow().cipherSuites())
        .containsExactly(
            "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_CBC_SHA",
            "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
            "TLS_RSA_WITH_NULL_SHA");
    assertThat(config.patMappings())
        .extracting(m -> m.inside() + " " + m.outside() + " " + m.instance().orElse("-"))
        .containsExactly(
            "10.10.10.1:5062 192.0.2.10:5061 ent_external_to_imp",
            "10.10.10.1:5080 192.0.2.10:5080 -");
    assertThat(config.trustPoints())
        .extracting(t -> t.name() + " " + t.isIdentity())
        .containsExactly("imp_proxy true", "cert_from_imp false", "imp_public true");
    // what only fedgate knows is missing, and the validator says so
    assertThat(ProxyConfigValidator.validate(config))
        .extracting(p -> p.field())
        .contains(
            "instance.ent_external_to_imp.server-trust",
            "instance.ent_external_to_imp.upstream-name",
            "instance.ent_imp_to_external.listen",
            "instance.ent_imp_to_external.target");
    assertThat(config.instance("ent_external_to_imp").map(i -> i.direction()))
        .contains(Direction.INBOUND);
  }

  @ParameterizedTest(name = "line {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tls-proxy a\\n server trust-point x\\n client cipher-suite aes128-sha1 chacha-poly | 3 | not understood",
        "access-list a extended permit udp any any | 1 | only extended tcp access-list entries are understood",
        "access-list a extended permit tcp any host 10.0.0.1 eq 99999 | 1 | expected SRC [eq PORT] DST [eq PORT] with any, host A, A MASK or A/LEN",
        "access-list a extended permit tcp 10.0.0.1 255.0.255.0 any | 1 | expected SRC [eq PORT] DST [eq PORT] with any, host A, A MASK or A/LEN",
        "access-list a extended allow tcp any any | 1 | permit or deny expected",
        "object network o\\n host 10.0.0.1\\n nat (inside,outside) dynamic interface | 3 | not understood",
        "crypto ca trustpoint t\\n enrollment url http://ca/scep | 2 | not understood",
        "interface GigabitEthernet0/0 | 1 | not understood",
        "'  host 10.0.0.1' | 1 | an indented line outside any block",
        "! fedgate nobody direction inbound | 1 | fedgate annotation for an unknown tls-proxy instance",
        "tls-proxy a\\n! fedgate a direction sideways | 2 | fedgate annotation not understood",
        "policy-map global_policy\\n inspect sip tls-proxy a | 2 | not understood",
      })
  void linesItDoesNotUnderstandAreRefusedWithTheirNumber(String snippet, int line, String message) {
    AsaImportResult result = AsaImporter.read(snippet.replace("\\n", "\n"));

    assertThat(result.config()).isEmpty();
    assertThat(result.errors())
        .extracting(AsaImportError::line, AsaImportError::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(line, message));
  }

  @Test
  void everyRefusedLineIsReported() {
    AsaImportResult result =
        AsaImporter.read("hostname asa\nobject network o\n host 10.0.0.1\n bogus\nfoo bar\n");

    assertThat(result.errors()).extracting(AsaImportError::line).containsExactly(1, 4, 5);
    assertThat(result.config()).isEqualTo(Optional.empty());
    assertThat(result.errors().get(0).toString()).isEqualTo("line 1: not understood: hostname asa");
    assertThat(List.of()).isEmpty();
  }
}
