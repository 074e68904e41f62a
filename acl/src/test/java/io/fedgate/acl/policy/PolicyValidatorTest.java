package io.fedgate.acl.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.AclProblem.Code;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyValidatorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # policy                                             | problems (field:code, space separated; '-' none)
          ALLOW                                                | -
          DENY: partner.com BOTH, *.other.org INCOMING         | -
          DENY: partner.com INCOMING, partner.com OUTGOING     | -
          DENY: partner.com BOTH, *.partner.com BOTH           | -
          DENY: partner.com BOTH, PARTNER.com. INCOMING        | exceptions[1].domain:DUPLICATE
          DENY: partner.com OUTGOING, partner.com OUTGOING     | exceptions[1].domain:DUPLICATE
          DENY: *.partner.com BOTH, *.partner.com OUTGOING     | exceptions[1].domain:DUPLICATE
          DENY: *partner.com BOTH                              | exceptions[0].domain:INVALID_PATTERN
          DENY: partner..com BOTH, *.*.com BOTH                | exceptions[0].domain:INVALID_PATTERN exceptions[1].domain:INVALID_PATTERN
          """)
  void validates(String policy, String problems) {
    List<AclProblem> found = PolicyValidator.validate(PolicyDeciderTest.policy(policy));
    List<String> actual = found.stream().map(p -> p.field() + ":" + p.code()).toList();
    assertThat(actual).containsExactly(problems.equals("-") ? new String[0] : problems.split(" "));
  }

  @Test
  void everyProblemAtOnce() {
    FederationPolicy bad =
        new FederationPolicy(
            null,
            List.of(
                new PolicyException("", null), new PolicyException(null, ExceptionDirection.BOTH)));
    assertThat(PolicyValidator.validate(bad))
        .extracting(AclProblem::field, AclProblem::code)
        .containsExactly(
            tuple("defaultAction", Code.REQUIRED),
            tuple("exceptions[0].domain", Code.REQUIRED),
            tuple("exceptions[0].direction", Code.REQUIRED),
            tuple("exceptions[1].domain", Code.REQUIRED));
    assertThat(PolicyValidator.validate(new FederationPolicy(PolicyAction.ALLOW, null)))
        .extracting(AclProblem::field)
        .containsExactly("exceptions");
  }

  @Test
  void sipAndXmppDomainsMustNotOverlap() {
    List<AclProblem> problems =
        FederationOverlap.check(
            List.of("lync.partner.com", "Shared.example", "b.org", "not a domain"),
            List.of("xmpp.partner.com", "shared.example.", "a.org", "B.ORG", "not a domain"));
    assertThat(problems).extracting(AclProblem::code).containsOnly(Code.DOMAIN_BOTH_SIP_AND_XMPP);
    assertThat(problems)
        .extracting(AclProblem::message)
        .satisfiesExactly(
            m -> assertThat(m).startsWith("b.org is both"),
            m ->
                assertThat(m)
                    .startsWith("shared.example is both")
                    .contains("delete the SIP federated domain"));
    assertThat(FederationOverlap.check(List.of("a.com"), List.of("sub.a.com"))).isEmpty();
  }
}
