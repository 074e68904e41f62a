package io.fedgate.certstore.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TlsSettingsRepository} meets (in memory here, JDBC in the appliance).
 * Implement {@link #emptyRepository()} to run it; published in the cert-store test-jar.
 */
public interface TlsSettingsRepositoryContract {
  Instant AT = Instant.parse("2030-06-01T12:00:00Z");

  /** A new, empty repository; called once per test. */
  TlsSettingsRepository emptyRepository();

  private static TlsPeerSubject subject(String name) {
    return new TlsPeerSubject(name, "edge " + name, AT);
  }

  private static TlsContext context(String name, List<String> subjects) {
    return new TlsContext(
        name,
        "peer auth",
        List.of("TLSv1.2", "TLSv1.3"),
        CipherProfile.CUSTOM,
        List.of("TLS_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
        subjects,
        true,
        AT);
  }

  @Test
  default void peerSubjectsRoundTripOrderedByName() {
    TlsSettingsRepository repository = emptyRepository();

    repository.savePeerSubject(subject("sip.b.example"));
    repository.savePeerSubject(subject("sip.a.example"));
    repository.savePeerSubject(new TlsPeerSubject("sip.b.example", "renamed", AT));

    assertThat(repository.peerSubjects())
        .containsExactly(
            subject("sip.a.example"), new TlsPeerSubject("sip.b.example", "renamed", AT));
  }

  @Test
  default void aContextRoundTripsWithItsPeerSubjectsOrderedByName() {
    TlsSettingsRepository repository = emptyRepository();
    repository.savePeerSubject(subject("sip.b.example"));
    repository.savePeerSubject(subject("sip.a.example"));

    repository.saveContext(context("peer-auth", List.of("sip.b.example", "sip.a.example")));

    assertThat(repository.findContext("peer-auth"))
        .contains(context("peer-auth", List.of("sip.a.example", "sip.b.example")));
    assertThat(repository.contexts()).hasSize(1);
    assertThat(repository.findContext("other")).isEmpty();
  }

  @Test
  default void savingAContextReplacesItsMappings() {
    TlsSettingsRepository repository = emptyRepository();
    repository.savePeerSubject(subject("sip.a.example"));
    repository.saveContext(context("peer-auth", List.of("sip.a.example")));

    repository.saveContext(TlsContext.defaultPeerAuth(AT).withPeerSubjects(List.of(), AT));
    repository.saveContext(context("peer-auth", List.of()));

    assertThat(repository.findContext("peer-auth").orElseThrow().peerSubjects()).isEmpty();
    assertThat(repository.contexts())
        .extracting(TlsContext::name)
        .containsExactly(TlsContext.DEFAULT_PEER_AUTH, "peer-auth");
  }

  @Test
  default void aContextCannotMapAnUnknownSubject() {
    TlsSettingsRepository repository = emptyRepository();

    assertThatThrownBy(
            () -> repository.saveContext(context("peer-auth", List.of("nobody.example"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(repository.contexts()).isEmpty();
  }

  @Test
  default void deletingASubjectRemovesItsMappings() {
    TlsSettingsRepository repository = emptyRepository();
    repository.savePeerSubject(subject("sip.a.example"));
    repository.savePeerSubject(subject("sip.b.example"));
    repository.saveContext(context("peer-auth", List.of("sip.a.example", "sip.b.example")));

    repository.deletePeerSubject("sip.a.example");
    repository.deletePeerSubject("never.existed");

    assertThat(repository.peerSubjects()).containsExactly(subject("sip.b.example"));
    assertThat(repository.findContext("peer-auth").orElseThrow().peerSubjects())
        .containsExactly("sip.b.example");
  }
}
