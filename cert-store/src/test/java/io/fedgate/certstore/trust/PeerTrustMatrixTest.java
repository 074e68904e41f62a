package io.fedgate.certstore.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.certstore.testkit.LeafSpec;
import io.fedgate.certstore.testkit.PeerVariant;
import io.fedgate.certstore.testkit.TestPki;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every peer certificate variant of the test PKI x peer role x expected name x TLS peer subject
 * list, against {@link TrustOracle}, which derives the expected decision from the variant's
 * declared spec and cites the deciding rule.
 */
class PeerTrustMatrixTest {
  private static final TestPki PKI = TestPki.shared();
  private final PeerTrust trust = new PeerTrust(TestPki.clock());

  /** The expected name of the connection. */
  enum Expectation {
    NONE(Optional.empty()),
    SIP_DOMAIN(Optional.of(ReferenceIdentity.sip(PeerVariant.PARTNER_DOMAIN))),
    SIP_HOST(Optional.of(ReferenceIdentity.sip("SIP.partner.example."))),
    XMPP_DOMAIN(Optional.of(ReferenceIdentity.xmppServer(PeerVariant.PARTNER_DOMAIN)));

    final Optional<ReferenceIdentity> name;

    Expectation(Optional<ReferenceIdentity> name) {
      this.name = name;
    }
  }

  /** The TLS peer subject list of the context. */
  enum Subjects {
    NONE(Set.of()),
    LISTED(Set.of("SIP.Partner.Example", "127.0.0.1")),
    OTHER(Set.of("unrelated.partner.example"));

    final Set<String> names;

    Subjects(Set<String> names) {
      this.names = names;
    }
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (PeerVariant variant : PeerVariant.values()) {
      for (PeerRole role : PeerRole.values()) {
        for (Expectation expectation : Expectation.values()) {
          for (Subjects subjects : Subjects.values()) {
            cases.add(Arguments.of(variant, role, expectation, subjects));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} as {1}, expecting {2}, peer subjects {3}")
  @MethodSource("matrix")
  void decisionFollowsTheOracle(
      PeerVariant variant, PeerRole role, Expectation expectation, Subjects subjects) {
    LeafSpec spec = variant.spec();
    TrustOracle.Expected expected =
        TrustOracle.expect(spec, role, expectation.name, subjects.names);

    Decision decision =
        trust.decide(
            PKI.presentedChain(variant),
            PKI.trustStore(),
            new PeerExpectation(
                role, expectation.name, PeerSubjects.of(List.copyOf(subjects.names))));

    if (expected.reason().isEmpty()) {
      assertThat(decision).as(expected.rule()).isInstanceOf(Decision.Trusted.class);
      return;
    }
    assertThat(decision).as(expected.rule()).isInstanceOf(Decision.Refused.class);
    Decision.Refused refused = (Decision.Refused) decision;
    assertThat(refused.reason())
        .as(expected.rule() + " / " + refused.detail())
        .isEqualTo(expected.reason().get());
    assertThat(refused.peer()).contains(spec.commonName());
    assertThat(refused.detail()).as("the detail names the certificate").contains("CN=");
    if (refused.reason() == RefusalReason.NAME_MISMATCH) {
      assertThat(refused.detail()).contains(expectation.name.orElseThrow().domain());
    }
  }

  @ParameterizedTest(name = "every reason is covered: {0}")
  @org.junit.jupiter.params.provider.EnumSource(
      value = RefusalReason.class,
      names = {"NO_CERTIFICATE", "INVALID_CHAIN"},
      mode = org.junit.jupiter.params.provider.EnumSource.Mode.EXCLUDE)
  void theMatrixCoversEveryReason(RefusalReason reason) {
    boolean covered =
        matrix()
            .map(Arguments::get)
            .map(
                a ->
                    TrustOracle.expect(
                        ((PeerVariant) a[0]).spec(),
                        (PeerRole) a[1],
                        ((Expectation) a[2]).name,
                        ((Subjects) a[3]).names))
            .anyMatch(e -> e.reason().equals(Optional.of(reason)));
    assertThat(covered).isTrue();
  }
}
