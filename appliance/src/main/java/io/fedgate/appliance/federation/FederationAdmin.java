package io.fedgate.appliance.federation;

import io.fedgate.appliance.config.ConfigChanges;
import io.fedgate.appliance.params.RuntimeParameters;
import io.fedgate.appliance.security.SecretSealer;
import io.fedgate.appliance.store.JdbcFederationPolicy;
import io.fedgate.appliance.store.JdbcIncomingAcl;
import io.fedgate.appliance.store.JdbcSipDomains;
import io.fedgate.appliance.store.JdbcStaticRoutes;
import io.fedgate.appliance.store.JdbcXmppPartners;
import io.fedgate.appliance.store.JdbcXmppSettings;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

/** The federation objects an operator edits, built together from one set of stores. */
public record FederationAdmin(
    RoutingAdmin routes,
    AclAdmin acl,
    SipDomainAdmin sipDomains,
    PolicyAdmin policy,
    GuardAdmin guard,
    XmppSettingsAdmin xmppSettings,
    XmppPartnerAdmin xmppPartners) {

  /** What the XMPP federation objects need beyond the stores. */
  public record XmppWiring(SecretSealer sealer, List<String> localDomains) {}

  public static FederationAdmin create(
      ConfigChanges changes,
      RuntimeParameters parameters,
      Clock clock,
      RandomGenerator random,
      XmppWiring xmpp) {
    JdbcIncomingAcl aclStore = new JdbcIncomingAcl(clock);
    AclAdmin acl = new AclAdmin(changes, aclStore);
    SipDomainAdmin sipDomains =
        new SipDomainAdmin(changes, new JdbcSipDomains(clock), aclStore, acl);
    return new FederationAdmin(
        new RoutingAdmin(changes, new JdbcStaticRoutes(clock), random),
        acl,
        sipDomains,
        new PolicyAdmin(changes, new JdbcFederationPolicy(clock)),
        new GuardAdmin(parameters, clock, sipDomains::declaredPartner, random),
        new XmppSettingsAdmin(changes, new JdbcXmppSettings(clock), xmpp.sealer()),
        new XmppPartnerAdmin(
            changes, new JdbcXmppPartners(clock), sipDomains, xmpp.localDomains()));
  }
}
