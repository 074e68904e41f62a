package io.fedgate.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.config.ConfigProblem;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The 18 rows of the Lync matrix, PROTOCOL.md §8, with their validity and warnings. */
class PartnerMatrixTest {

  @ParameterizedTest(name = "row {0}: TLS {1}, SASL {2}, dialback {3} -> {4}")
  @CsvSource({
    "1, REQUIRED, REQUIRED, true, WARNING",
    "2, REQUIRED, REQUIRED, false, VALID",
    "3, OPTIONAL, REQUIRED, true, WARNING",
    "4, OPTIONAL, REQUIRED, false, WARNING",
    "5, NOT_SUPPORTED, REQUIRED, true, WARNING",
    "6, NOT_SUPPORTED, REQUIRED, false, INVALID",
    "7, REQUIRED, OPTIONAL, true, VALID",
    "8, REQUIRED, OPTIONAL, false, VALID",
    "9, OPTIONAL, OPTIONAL, true, WARNING",
    "10, OPTIONAL, OPTIONAL, false, WARNING",
    "11, NOT_SUPPORTED, OPTIONAL, true, WARNING",
    "12, NOT_SUPPORTED, OPTIONAL, false, INVALID",
    "13, REQUIRED, NOT_SUPPORTED, true, VALID",
    "14, REQUIRED, NOT_SUPPORTED, false, INVALID",
    "15, OPTIONAL, NOT_SUPPORTED, true, VALID",
    "16, OPTIONAL, NOT_SUPPORTED, false, INVALID",
    "17, NOT_SUPPORTED, NOT_SUPPORTED, true, VALID",
    "18, NOT_SUPPORTED, NOT_SUPPORTED, false, INVALID"
  })
  void followsTheLyncMatrix(
      int row, Negotiation tls, Negotiation sasl, boolean dialback, String expected) {
    PartnerSettings partner =
        new PartnerSettings(
            "Partner.Example", List.of(), PartnerType.FEDERATED, tls, sasl, dialback);

    List<ConfigProblem> problems = PartnerMatrix.validate(partner);
    List<ConfigProblem> warnings = PartnerMatrix.warnings(partner);

    switch (expected) {
      case "VALID" -> {
        assertThat(problems).isEmpty();
        assertThat(warnings).isEmpty();
      }
      case "WARNING" -> {
        assertThat(problems).isEmpty();
        assertThat(warnings).isNotEmpty();
      }
      default -> {
        assertThat(problems).isNotEmpty();
        assertThat(problems)
            .allSatisfy(p -> assertThat(p.field()).isIn("tls", "sasl", "dialback"))
            .anySatisfy(p -> assertThat(p.message()).contains("dialback"));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"REQUIRED", "OPTIONAL"})
  void saslWithoutTlsAndDialbackNamesTheSaslField(Negotiation sasl) {
    List<ConfigProblem> problems =
        PartnerMatrix.validate(
            new PartnerSettings(
                "partner.example",
                List.of(),
                PartnerType.FEDERATED,
                Negotiation.NOT_SUPPORTED,
                sasl,
                false));

    assertThat(problems)
        .containsExactly(
            new ConfigProblem(
                "sasl",
                "SASL negotiation is impossible without TLS (TLS negotiation is NOT_SUPPORTED) and"
                    + " dialback is disabled: no authentication method remains; enable dialback or"
                    + " allow TLS"));
  }

  @org.junit.jupiter.api.Test
  void reportsEveryBadDomainAndDuplicate() {
    PartnerSettings partner =
        new PartnerSettings(
            "not a domain",
            List.of("ok.example", "bad_domain!", "OK.example"),
            PartnerType.PUBLIC_VERIFIED,
            Negotiation.REQUIRED,
            Negotiation.NOT_SUPPORTED,
            true);

    assertThat(PartnerMatrix.validate(partner))
        .extracting(ConfigProblem::field)
        .containsExactly("primaryDomain", "additionalDomains", "additionalDomains");
    assertThat(partner.domains())
        .containsExactly("not a domain", "ok.example", "bad_domain!", "ok.example");
  }
}
