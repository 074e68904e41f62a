package io.fedgate.appliance.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.route.RemoteGateway;
import org.junit.jupiter.api.Test;

class FederationGatewaysTest {
  private final RemoteGateway s2s = (stanza, failed) -> {};
  private final RemoteGateway sip = (stanza, failed) -> {};
  private final FederationGateways gateways = new FederationGateways();

  @Test
  void sipFederatedDomainsGoToSipAndEveryOtherDomainToS2s() {
    gateways.attachXmpp(s2s);
    gateways.attachSip(sip, "lync.example"::equals);

    assertThat(gateways.gatewayFor("lync.example")).containsSame(sip);
    assertThat(gateways.gatewayFor("jabber.example")).containsSame(s2s);
  }

  @Test
  void aSipDomainNeverFallsThroughToS2sWhileTheSipGatewayIsStopped() {
    gateways.attachXmpp(s2s);
    gateways.attachSip(sip, "lync.example"::equals);

    gateways.detachSip(sip);

    assertThat(gateways.gatewayFor("lync.example")).isEmpty();
    assertThat(gateways.gatewayFor("jabber.example")).containsSame(s2s);
  }

  @Test
  void detachingAnOlderInstanceLeavesTheCurrentOneAttached() {
    RemoteGateway restarted = (stanza, failed) -> {};
    gateways.attachXmpp(s2s);
    gateways.attachXmpp(restarted);

    gateways.detachXmpp(s2s);

    assertThat(gateways.gatewayFor("jabber.example")).containsSame(restarted);
  }
}
