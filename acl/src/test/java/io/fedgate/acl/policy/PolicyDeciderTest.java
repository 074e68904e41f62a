package io.fedgate.acl.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.acl.policy.PolicyDecision.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyDeciderTest {

  /** "ALLOW: partner.com BOTH, *.evil.org INCOMING". */
  static FederationPolicy policy(String spec) {
    String[] parts = spec.split(":", 2);
    List<PolicyException> exceptions = new ArrayList<>();
    if (parts.length > 1) {
      for (String e : parts[1].split(",")) {
        if (!e.isBlank()) {
          String[] t = e.trim().split("\\s+");
          exceptions.add(new PolicyException(t[0], ExceptionDirection.valueOf(t[1])));
        }
      }
    }
    return new FederationPolicy(PolicyAction.valueOf(parts[0].trim()), exceptions);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # name                                  | policy                                      | domain            | direction | reason
          default allow                           | ALLOW                                       | partner.com       | INCOMING  | DEFAULT_ALLOW
          default deny                            | DENY                                        | partner.com       | OUTGOING  | DEFAULT_DENY
          allow-default exception denies          | ALLOW: evil.org BOTH                        | evil.org          | INCOMING  | EXCEPTION_DENY
          deny-default exception allows           | DENY: partner.com BOTH                      | partner.com       | OUTGOING  | EXCEPTION_ALLOW
          exact does not cover subdomains         | DENY: partner.com BOTH                      | chat.partner.com  | INCOMING  | DEFAULT_DENY
          host-part exception                     | DENY: chat.partner.com BOTH                 | chat.partner.com  | INCOMING  | EXCEPTION_ALLOW
          wildcard covers the domain itself       | DENY: *.partner.com BOTH                    | partner.com       | INCOMING  | EXCEPTION_ALLOW
          wildcard covers subdomains              | DENY: *.partner.com BOTH                    | a.b.partner.com   | OUTGOING  | EXCEPTION_ALLOW
          wildcard on a label boundary            | DENY: *.partner.com BOTH                    | xpartner.com      | INCOMING  | DEFAULT_DENY
          incoming-only exception, incoming       | ALLOW: evil.org INCOMING                    | evil.org          | INCOMING  | EXCEPTION_DENY
          incoming-only exception, outgoing       | ALLOW: evil.org INCOMING                    | evil.org          | OUTGOING  | DEFAULT_ALLOW
          outgoing-only exception, outgoing       | DENY: partner.com OUTGOING                  | partner.com       | OUTGOING  | EXCEPTION_ALLOW
          outgoing-only exception, incoming       | DENY: partner.com OUTGOING                  | partner.com       | INCOMING  | DEFAULT_DENY
          wildcard incoming, exact outgoing       | DENY: *.partner.com INCOMING, partner.com OUTGOING | partner.com | OUTGOING | EXCEPTION_ALLOW
          wildcard incoming applies to sub        | DENY: *.partner.com INCOMING, partner.com OUTGOING | a.partner.com | INCOMING | EXCEPTION_ALLOW
          domain compared in normal form          | DENY: Partner.COM BOTH                      | PARTNER.com.      | INCOMING  | EXCEPTION_ALLOW
          not a domain                            | ALLOW                                       | not a domain      | INCOMING  | INVALID_DOMAIN
          """)
  void decides(
      String name, String policy, String domain, TrafficDirection direction, Reason reason) {
    PolicyDecision d = PolicyDecider.of(policy(policy)).decide(domain, direction);
    assertThat(d.reason()).isEqualTo(reason);
    assertThat(d.allowed())
        .isEqualTo(reason == Reason.DEFAULT_ALLOW || reason == Reason.EXCEPTION_ALLOW);
  }

  @Test
  void decisionNamesTheException() {
    PolicyDecider decider =
        PolicyDecider.of(policy("ALLOW: *.evil.org BOTH, mail.evil.org OUTGOING"));
    PolicyDecision d = decider.decide("mail.evil.org", TrafficDirection.OUTGOING);
    assertThat(d.exception())
        .contains(new PolicyException("mail.evil.org", ExceptionDirection.OUTGOING));
    assertThat(d.detail())
        .isEqualTo(
            "OUTGOING mail.evil.org: exception mail.evil.org (OUTGOING) overrides default ALLOW");

    PolicyDecision wildcard = decider.decide("mail.evil.org", TrafficDirection.INCOMING);
    assertThat(wildcard.exception())
        .contains(new PolicyException("*.evil.org", ExceptionDirection.BOTH));
  }

  @Test
  void defaultDecisionMentionsAnExceptionForTheOtherDirection() {
    PolicyDecision d =
        PolicyDecider.of(policy("ALLOW: evil.org INCOMING"))
            .decide("evil.org", TrafficDirection.OUTGOING);
    assertThat(d.exception()).isEmpty();
    assertThat(d.detail())
        .isEqualTo("OUTGOING evil.org: default ALLOW (exception evil.org is for INCOMING only)");
  }

  @Test
  void refusesInvalidPolicies() {
    assertThatThrownBy(() -> PolicyDecider.of(policy("ALLOW: *evil.org BOTH")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceptions[0].domain");
    assertThat(
            PolicyDecider.of(FederationPolicy.allowAll())
                .decide("x.org", TrafficDirection.INCOMING)
                .allowed())
        .isTrue();
  }
}
