package io.fedgate.sip.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.acl.incoming.AclEntry;
import io.fedgate.acl.incoming.IncomingAcl;
import io.fedgate.acl.incoming.Peer;
import io.fedgate.acl.net.IpAddress;
import io.fedgate.acl.policy.FederationPolicy;
import io.fedgate.acl.policy.PolicyDecider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The inbound gate tells its listener of each refusal once (e.g. for the Dashboard's counts). */
class InboundGateTest {
  private final List<Refusal> refusals = new ArrayList<>();
  private final InboundGate gate =
      new InboundGate(
          () ->
              IncomingAcl.of(
                  List.of(
                      AclEntry.ip("192.0.2.8", "partner edge"),
                      AclEntry.fqdn("sip.partner.example", "partner"))),
          () -> PolicyDecider.of(FederationPolicy.allowAll()),
          d -> true,
          Optional.empty(),
          refusals::add);

  @Test
  void everyRefusalIsToldOnceWithItsCode() {
    Peer stranger = Peer.of(IpAddress.parse("192.0.2.7").orElseThrow(), "sip.stranger.example");
    Peer partner = Peer.of(IpAddress.parse("192.0.2.8").orElseThrow(), "sip.partner.example");

    Optional<Refusal> byAcl = gate.admit(stranger, "stranger.example", "sip:alice@local.test");
    Optional<Refusal> noDomain = gate.admit(partner, "", "sip:alice@local.test");
    Optional<Refusal> admitted = gate.admit(partner, "partner.example", "sip:alice@local.test");
    Optional<Refusal> peerOnly = gate.admitPeer(stranger);

    assertThat(byAcl).isPresent();
    assertThat(noDomain).isPresent();
    assertThat(admitted).isEmpty();
    assertThat(peerOnly).isPresent();
    assertThat(refusals)
        .extracting(Refusal::code)
        .containsExactly(byAcl.get().code(), "request.no-sender-domain", peerOnly.get().code());
    assertThat(byAcl.get().code()).startsWith("acl.");
  }
}
