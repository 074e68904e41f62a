package io.fedgate.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.acl.incoming.AclEntry;
import io.fedgate.acl.policy.ExceptionDirection;
import io.fedgate.acl.policy.FederationPolicy;
import io.fedgate.acl.policy.PolicyAction;
import io.fedgate.acl.policy.PolicyException;
import io.fedgate.appliance.store.JdbcSipDomains.IntegrationType;
import io.fedgate.appliance.store.JdbcSipDomains.SipDomain;
import io.fedgate.routes.RouteType;
import io.fedgate.routes.StaticRoute;
import io.fedgate.routes.Transport;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The federation object stores on every supported engine (subclasses: H2, PostgreSQL). */
abstract class FederationStoreChecks {
  private final Clock clock = Clock.systemUTC();
  Database database;

  abstract String url();

  abstract String user();

  @BeforeEach
  void open() {
    database = Database.open(url(), user(), "");
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void staticRoutesRoundTripWithEveryField() {
    JdbcStaticRoutes routes = new JdbcStaticRoutes(clock);
    StaticRoute route =
        StaticRoute.builder(".com.example.lync.*")
            .description("Lync edge")
            .nextHop("edge.lync.example.com", 5061)
            .routeType(RouteType.DOMAIN)
            .protocol(Transport.TLS)
            .priority(2)
            .weight(20)
            .allowLessSpecific(false)
            .inService(false)
            .blocked(true)
            .build();

    JdbcStaticRoutes.Stored stored = database.inTransaction(c -> routes.insert(c, route));
    List<JdbcStaticRoutes.Stored> all = database.inTransaction(routes::list);

    assertThat(all).hasSize(2);
    assertThat(all.get(0).route()).isEqualTo(StaticRoute.openFederation());
    assertThat(all.get(1)).isEqualTo(stored);
    database.inTransaction(
        c -> {
          routes.update(c, stored.id(), route.toBuilder().blocked(false).build());
          return null;
        });
    assertThat(
            database
                .inTransaction(c -> routes.find(c, stored.id()))
                .orElseThrow()
                .route()
                .blocked())
        .isFalse();
  }

  @Test
  void aSipDomainIsEditedInPlaceAndTakesItsReadOnlyAclEntryWithIt() {
    JdbcSipDomains domains = new JdbcSipDomains(clock);
    JdbcIncomingAcl acl = new JdbcIncomingAcl(clock);
    AclEntry operatorEntry = AclEntry.ip("192.0.2.10", "edge");
    AclEntry domainEntry =
        new AclEntry(io.fedgate.acl.incoming.AclEntryType.DOMAIN, "aol.example", "auto", true);

    SipDomain stored =
        database.inTransaction(
            c -> {
              SipDomain d =
                  domains.insert(
                      c,
                      new SipDomain(0, "aol.example", "", IntegrationType.AOL, false, "aol.com"));
              acl.insert(c, domainEntry, d.id());
              acl.insert(c, operatorEntry, null);
              return d;
            });
    assertThat(database.inTransaction(domains::list)).containsExactly(stored);
    assertThat(database.inTransaction(acl::list)).containsExactly(domainEntry, operatorEntry);

    SipDomain edited =
        new SipDomain(stored.id(), "aol.example", "edited", IntegrationType.LYNC, true, null);
    database.inTransaction(
        c -> {
          domains.update(c, stored.id(), edited);
          return null;
        });
    assertThat(database.inTransaction(domains::list)).containsExactly(edited);
    assertThat(database.inTransaction(acl::list)).containsExactly(domainEntry, operatorEntry);

    database.inTransaction(
        c -> {
          domains.delete(c, stored.id());
          return null;
        });

    assertThat(database.inTransaction(acl::list)).containsExactly(operatorEntry);
  }

  @Test
  void policiesAreKeptPerProtocol() {
    JdbcFederationPolicy policies = new JdbcFederationPolicy(clock);
    FederationPolicy xmpp =
        new FederationPolicy(
            PolicyAction.DENY,
            List.of(
                new PolicyException("*.partner.org", ExceptionDirection.INCOMING),
                new PolicyException("example.com", ExceptionDirection.BOTH)));

    database.inTransaction(
        c -> {
          policies.save(c, "XMPP", xmpp);
          return null;
        });

    FederationPolicy storedXmpp = database.inTransaction(c -> policies.load(c, "XMPP"));
    FederationPolicy storedSip = database.inTransaction(c -> policies.load(c, "SIP"));
    assertThat(storedXmpp).isEqualTo(xmpp);
    assertThat(storedSip).isEqualTo(new FederationPolicy(PolicyAction.ALLOW, List.of()));
  }
}
