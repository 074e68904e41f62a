package io.fedgate.routes.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.routes.NextHop;
import io.fedgate.routes.RouteAddress;
import io.fedgate.routes.RouteType;
import io.fedgate.routes.StaticRoute;
import io.fedgate.routes.Transport;
import io.fedgate.routes.pattern.DestinationPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Many random route tables from a seeded generator: selection never hands out a blocked, out of
 * service, failed or non-matching route, never lists a route twice, and a block always comes from
 * an in-service blocked route that matches.
 */
class RouteSelectionPropertyTest {

  private static final String[] DOMAIN_PATTERNS = {
    ".*",
    "*",
    ".com.*",
    ".com.example.*",
    ".com.example.sip",
    ".com.example.sip.*",
    ".net.*",
    ".com.ex*",
    ".com.*.sip",
    ".org.partner.*",
    ".com.example.lync"
  };
  private static final String[] USER_PATTERNS = {"*", "bob", "b.b", "1408*", "1408.......", ".*"};
  private static final String[] ADDRESSES = {
    "sip:bob@example.com",
    "sip:bob@sip.example.com",
    "sip:14085551234@example.com",
    "alice@partner.org/res",
    "example.net",
    "sip:bob@exa.com",
    "lync.example.com",
    "sip:bab@unknown.io"
  };
  private static final String[] HOPS = {"a", "b", "c", "d", "e"};

  @Test
  void selectionNeverReturnsUnusableRoutes() {
    SplittableRandom gen = new SplittableRandom(20240601);
    int routed = 0;
    int blocked = 0;
    for (int table = 0; table < 1000; table++) {
      List<StaticRoute> routes = randomTable(gen);
      Set<NextHop> failed = randomFailed(gen, routes);
      PatternRouteTable t = new PatternRouteTable(routes, gen.split());
      for (String text : ADDRESSES) {
        RouteAddress address = RouteAddress.parse(text).orElseThrow();
        RouteExplanation e = t.explain(RouteRequest.of(address).withFailed(failed));
        assertThat(e.considered()).hasSize(routes.size());
        RouteSelection s = e.selection();
        if (s instanceof RouteSelection.Routed r) {
          routed++;
          checkCandidates(r.candidates(), address, failed);
        } else if (s instanceof RouteSelection.Blocked b) {
          blocked++;
          assertThat(b.route().blocked()).isTrue();
          assertThat(b.route().inService()).isTrue();
          assertThat(matches(b.route(), address)).isTrue();
        }
      }
    }
    assertThat(routed).as("the generator exercises routing").isGreaterThan(500);
    assertThat(blocked).as("the generator exercises blocks").isGreaterThan(500);
  }

  private static void checkCandidates(
      List<Candidate> candidates, RouteAddress address, Set<NextHop> failed) {
    assertThat(new HashSet<>(candidates)).hasSameSizeAs(candidates);
    for (Candidate c : candidates) {
      StaticRoute route =
          c instanceof Candidate.Direct d ? d.route() : ((Candidate.RouteSrv) c).route();
      assertThat(route.blocked()).as("blocked %s", route).isFalse();
      assertThat(route.inService()).as("out of service %s", route).isTrue();
      assertThat(failed).as("failed %s", route).doesNotContain(route.hop());
      assertThat(matches(route, address)).as("matches %s", route).isTrue();
    }
  }

  private static boolean matches(StaticRoute route, RouteAddress address) {
    DestinationPattern p =
        DestinationPattern.compile(route.destinationPattern(), route.routeType().syntax());
    return route.routeType() == RouteType.DOMAIN
        ? p.matches(address.reversedHost())
        : address.hasUser() && p.matches(address.user());
  }

  private static List<StaticRoute> randomTable(SplittableRandom gen) {
    List<StaticRoute> routes = new ArrayList<>();
    int size = gen.nextInt(0, 12);
    for (int i = 0; i < size; i++) {
      boolean domain = gen.nextInt(4) > 0;
      String[] patterns = domain ? DOMAIN_PATTERNS : USER_PATTERNS;
      routes.add(
          StaticRoute.builder(patterns[gen.nextInt(patterns.length)])
              .routeType(domain ? RouteType.DOMAIN : RouteType.USER)
              .protocol(Transport.values()[gen.nextInt(3)])
              .nextHop(HOPS[gen.nextInt(HOPS.length)] + ".test", gen.nextInt(4) == 0 ? 0 : 5061)
              .priority(gen.nextInt(1, 4))
              .weight(gen.nextInt(1, 65536))
              .allowLessSpecific(gen.nextInt(3) > 0)
              .inService(gen.nextInt(4) > 0)
              .blocked(gen.nextInt(5) == 0)
              .build());
    }
    if (gen.nextBoolean()) {
      StaticRoute open = StaticRoute.openFederation();
      routes.add(
          gen.nextBoolean() ? open : open.toBuilder().nextHop("exp.test").blocked(false).build());
    }
    return routes;
  }

  private static Set<NextHop> randomFailed(SplittableRandom gen, List<StaticRoute> routes) {
    Set<NextHop> failed = new HashSet<>();
    for (StaticRoute r : routes) {
      if (gen.nextInt(4) == 0) {
        failed.add(r.hop());
      }
    }
    return failed;
  }
}
