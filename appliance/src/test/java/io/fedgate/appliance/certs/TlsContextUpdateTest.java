package io.fedgate.appliance.certs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.tls.CipherProfile;
import io.fedgate.certstore.tls.TlsContext;
import io.fedgate.core.config.ConfigProblem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A TLS context change keeps what it does not name and reports every problem at once. */
class TlsContextUpdateTest {
  private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
  private final TlsContext current = TlsContext.defaultPeerAuth(Instant.EPOCH);

  @Test
  void unnamedFieldsStayAsTheyAre() {
    TlsContextUpdate.Applied applied =
        new TlsContextUpdate(null, null, null, null, List.of("sip.a.example"), null)
            .applyTo(current, List.of("sip.a.example"), NOW);

    assertThat(applied.problems()).isEmpty();
    assertThat(applied.context())
        .isEqualTo(current.withPeerSubjects(List.of("sip.a.example"), NOW));
  }

  @Test
  void aCustomProfileTakesSuitesTheJdkSupports() {
    TlsContextUpdate.Applied applied =
        new TlsContextUpdate(
                null,
                List.of("TLSv1.3"),
                "custom",
                List.of("TLS_AES_128_GCM_SHA256"),
                null,
                "false")
            .applyTo(current, List.of(), NOW);

    assertThat(applied.problems()).isEmpty();
    assertThat(applied.context().cipherProfile()).isEqualTo(CipherProfile.CUSTOM);
    assertThat(applied.context().disableEmptyTlsFragments()).isFalse();
  }

  @Test
  void everyProblemIsReported() {
    TlsContextUpdate.Applied applied =
        new TlsContextUpdate(
                "x".repeat(300),
                List.of("TLSv1", "TLSv1.3"),
                "custom",
                List.of("TLS_MADE_UP"),
                List.of("nobody.example"),
                "yes")
            .applyTo(current, List.of(), NOW);

    assertThat(applied.context()).isNull();
    assertThat(applied.problems())
        .extracting(ConfigProblem::field)
        .containsExactly(
            "protocols", "cipherSuites", "peerSubjects", "description", "disableEmptyTlsFragments");
    assertThat(applied.problems().get(1).message())
        .isEqualTo("'TLS_MADE_UP' is not a cipher suite this JDK supports");
  }

  @Test
  void aNamedProfileRefusesSuites() {
    TlsContextUpdate.Applied applied =
        new TlsContextUpdate(null, null, "modern", List.of("TLS_AES_128_GCM_SHA256"), null, null)
            .applyTo(current, List.of(), NOW);

    assertThat(applied.problems())
        .containsExactly(
            new ConfigProblem(
                "cipherSuites", "cipher suites are listed for the CUSTOM profile only"));
  }
}
