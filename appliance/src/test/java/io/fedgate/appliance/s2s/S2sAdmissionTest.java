package io.fedgate.appliance.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.acl.guard.GuardConfig;
import io.fedgate.acl.guard.OpenFederationGuard;
import io.fedgate.acl.incoming.AclEntry;
import io.fedgate.acl.incoming.IncomingAcl;
import io.fedgate.acl.policy.ExceptionDirection;
import io.fedgate.acl.policy.FederationPolicy;
import io.fedgate.acl.policy.PolicyAction;
import io.fedgate.acl.policy.PolicyDecider;
import io.fedgate.acl.policy.PolicyException;
import io.fedgate.xmpp.s2s.Admission.Decision;
import io.fedgate.xmpp.s2s.Admission.Request;
import io.fedgate.xmpp.s2s.AuthMethod;
import io.fedgate.xmpp.s2s.Direction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The S2S admission rules: policy by direction, the ACL once configured, the guard. */
class S2sAdmissionTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private FederationPolicy policy = FederationPolicy.allowAll();
  private IncomingAcl acl = IncomingAcl.of(List.of());
  private final Set<String> xmppPartners = Set.of("partner.example");
  private final Set<String> sipDomains = Set.of("lync.example");
  private final OpenFederationGuard guard =
      new OpenFederationGuard(
          new GuardConfig(20, 1, 2, 20, 1.0, Duration.ofMinutes(60), Duration.ofMinutes(60), 100),
          CLOCK,
          d -> false,
          new SplittableRandom(7));

  private final S2sAdmission admission =
      new S2sAdmission(
          () -> PolicyDecider.of(policy),
          () -> acl,
          () -> guard,
          xmppPartners::contains,
          d -> xmppPartners.contains(d) || sipDomains.contains(d));

  @Test
  void thePolicyDecidesPerDirection() {
    policy =
        new FederationPolicy(
            PolicyAction.DENY,
            List.of(new PolicyException("*.friends.example", ExceptionDirection.INCOMING)));

    Decision inbound = admission.decide(inbound("chat.friends.example", "192.0.2.1:4711"));
    Decision outbound = admission.decide(outbound("chat.friends.example"));
    Decision stranger = admission.decide(inbound("stranger.example", "192.0.2.1:4711"));

    assertThat(inbound.allowed()).isTrue();
    assertThat(outbound.allowed()).isFalse();
    assertThat(outbound.reasonCode()).isEqualTo("POLICY_DEFAULT_DENY");
    assertThat(stranger.allowed()).isFalse();
  }

  @Test
  void anEmptyAclOrOneWithOnlySipDomainEntriesDoesNotFilterXmpp() {
    assertThat(admission.decide(inbound("open.example", "192.0.2.1:5269")).allowed()).isTrue();
    acl =
        IncomingAcl.of(
            List.of(
                new AclEntry(
                    io.fedgate.acl.incoming.AclEntryType.DOMAIN, "lync.example", "auto", true)));
    assertThat(admission.decide(inbound("open.example", "192.0.2.1:5269")).allowed()).isTrue();
  }

  @Test
  void anAclWithOperatorEntriesAdmitsOnlyListedUndeclaredPeersInbound() {
    acl =
        IncomingAcl.of(
            List.of(AclEntry.ip("192.0.2.1", "edge"), AclEntry.domain("listed.example", "edge")));

    Decision listed = admission.decide(inbound("listed.example", "192.0.2.1:5269"));
    Decision wrongAddress = admission.decide(inbound("listed.example", "198.51.100.9:5269"));
    Decision unlisted = admission.decide(inbound("other.example", "[2001:db8::1]:5269"));
    Decision partner = admission.decide(inbound("partner.example", "198.51.100.9:5269"));
    Decision outbound = admission.decide(outbound("other.example"));

    assertThat(listed.allowed()).isTrue();
    assertThat(wrongAddress.allowed()).isFalse();
    assertThat(wrongAddress.reasonCode()).isEqualTo("ACL_DENIED_IP_NOT_LISTED");
    assertThat(unlisted.allowed()).isFalse();
    assertThat(unlisted.reasonCode()).startsWith("ACL_DENIED");
    assertThat(partner.allowed()).as("declared partners are configured, not filtered").isTrue();
    assertThat(outbound.allowed()).as("the ACL filters inbound peers only").isTrue();
  }

  @Test
  void theGuardWatchListsAnUndeclaredDomainButNeverADeclaredOne() {
    for (String local : List.of("a.test", "b.test")) {
      assertThat(admission.decide(inboundTo("probe.example", local)).allowed()).isTrue();
    }
    Decision third = admission.decide(inboundTo("probe.example", "c.test"));
    Decision again = admission.decide(inboundTo("probe.example", "a.test"));
    for (String local : List.of("a.test", "b.test", "c.test", "d.test")) {
      assertThat(admission.decide(inboundTo("partner.example", local)).allowed()).isTrue();
      assertThat(admission.decide(inboundTo("lync.example", local)).allowed()).isTrue();
    }

    assertThat(third.allowed()).isFalse();
    assertThat(third.reasonCode()).isEqualTo("GUARD_DISTINCT_URI_LIMIT");
    assertThat(again.reasonCode()).isEqualTo("GUARD_WATCH_LISTED");
  }

  @Test
  void beforeAConnectionOnlyThePolicyIsAsked() {
    for (String local : List.of("a.test", "b.test", "c.test", "d.test")) {
      Request request =
          new Request(
              Direction.OUTBOUND, local, "probe.example", Optional.empty(), AuthMethod.NONE);
      assertThat(admission.decide(request).allowed()).isTrue();
    }
  }

  @Test
  void portsAreStrippedFromEveryAddressForm() {
    assertThat(S2sAdmission.stripPort("192.0.2.1:5269")).isEqualTo("192.0.2.1");
    assertThat(S2sAdmission.stripPort("[2001:db8::1]:5269")).isEqualTo("2001:db8::1");
    assertThat(S2sAdmission.stripPort("2001:db8::1")).isEqualTo("2001:db8::1");
    assertThat(S2sAdmission.stripPort("192.0.2.1")).isEqualTo("192.0.2.1");
  }

  private static Request inbound(String peer, String address) {
    return new Request(
        Direction.INBOUND, "fedgate.test", peer, Optional.of(address), AuthMethod.SASL_EXTERNAL);
  }

  private static Request inboundTo(String peer, String local) {
    return new Request(
        Direction.INBOUND, local, peer, Optional.of("192.0.2.1:5269"), AuthMethod.DIALBACK);
  }

  private static Request outbound(String peer) {
    return new Request(
        Direction.OUTBOUND,
        "fedgate.test",
        peer,
        Optional.of("192.0.2.7:5269"),
        AuthMethod.SASL_EXTERNAL);
  }
}
