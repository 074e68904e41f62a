package io.fedgate.appliance.federation;

import io.fedgate.appliance.config.ConfigChanges;
import io.fedgate.appliance.params.RuntimeParameters;
import io.fedgate.appliance.store.JdbcFederationPolicy;
import io.fedgate.appliance.store.JdbcIncomingAcl;
import io.fedgate.appliance.store.JdbcSipDomains;
import io.fedgate.appliance.store.JdbcStaticRoutes;
import java.time.Clock;
import java.util.random.RandomGenerator;

/** The federation objects an operator edits, built together from one set of stores. */
public record FederationAdmin(
    RoutingAdmin routes,
    AclAdmin acl,
    SipDomainAdmin sipDomains,
    PolicyAdmin policy,
    GuardAdmin guard) {

  public static FederationAdmin create(
      ConfigChanges changes, RuntimeParameters parameters, Clock clock, RandomGenerator random) {
    JdbcIncomingAcl aclStore = new JdbcIncomingAcl(clock);
    AclAdmin acl = new AclAdmin(changes, aclStore);
    SipDomainAdmin sipDomains =
        new SipDomainAdmin(changes, new JdbcSipDomains(clock), aclStore, acl);
    return new FederationAdmin(
        new RoutingAdmin(changes, new JdbcStaticRoutes(clock), random),
        acl,
        sipDomains,
        new PolicyAdmin(changes, new JdbcFederationPolicy(clock)),
        new GuardAdmin(parameters, clock, sipDomains::declaredPartner, random));
  }
}
