package io.fedgate.routes.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.routes.RouteAddress;
import io.fedgate.routes.StaticRoute;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternRouteTableTest {

  private static RouteSelection select(String routes, String address, String failed) {
    List<StaticRoute> table = RouteSpec.routes(routes);
    RouteRequest request =
        RouteRequest.of(RouteAddress.parse(address).orElseThrow())
            .withFailed(RouteSpec.failed(table, failed));
    return new PatternRouteTable(table, new SplittableRandom(7)).select(request);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # name                                  | routes                                                          | address                   | failed | expected
          domain route covers the domain itself   | D .com.example.* a                                              | sip:bob@example.com       |        | routed a
          domain route covers subdomains          | D .com.example.* a                                              | sip:bob@sip.example.com   |        | routed a
          no partial-label match                  | D .com.example.* a                                              | sip:bob@examplex.com      |        | none NO_MATCHING_ROUTE
          host route before domain route          | D .com.example.* a ; D .com.example.sip b                       | sip:bob@sip.example.com   |        | routed b a
          host route only matches its host        | D .com.example.* a ; D .com.example.sip b                       | sip:bob@example.com       |        | routed a
          most specific first, then less specific | D .* c ; D .com.* b ; D .com.example.* a                        | bob@example.com/res       |        | routed a b c
          priority: lower number first            | D .com.example.* b p=2 ; D .com.example.* a p=1                 | example.com               |        | routed a b
          less specific only after all priorities | D .com.* c ; D .com.example.* b p=9 ; D .com.example.* a        | example.com               |        | routed a b c
          failed route skipped                    | D .com.example.* a ; D .com.example.* b p=2                     | example.com               | a      | routed b
          all failed falls back to less specific  | D .com.example.* a ; D .com.* b                                 | example.com               | a      | routed b
          all failed, no less specific            | D .com.example.* a                                              | example.com               | a      | none ALL_MATCHING_ROUTES_FAILED
          less specific not allowed               | D .com.example.* a nols ; D .com.* b                            | example.com               |        | routed a
          less specific not allowed, a failed     | D .com.example.* a nols ; D .com.* b                            | example.com               | a      | none ALL_MATCHING_ROUTES_FAILED
          one route of the tier disallows         | D .com.example.* a ; D .com.example.* x p=2 nols ; D .com.* b   | example.com               |        | routed a x
          out-of-service route does not disallow  | D .com.example.* a ; D .com.example.* x off nols ; D .com.* b   | example.com               |        | routed a b
          out of service skipped                  | D .com.example.* a off ; D .com.example.* b p=2                 | example.com               |        | routed b
          out of service falls to less specific   | D .com.example.* a off ; D .com.* b                             | example.com               |        | routed b
          blocked route stops the search          | D .com.example.* a blocked ; D .com.* b                         | example.com               |        | blocked a
          blocked blocks its whole tier           | D .com.example.* a blocked ; D .com.example.* x                 | example.com               |        | blocked a
          blocked but out of service is ignored   | D .com.example.* a blocked off ; D .com.* b                     | example.com               |        | routed b
          blocked and failed still blocks         | D .com.example.* a blocked                                      | example.com               | a      | blocked a
          more specific route beats a block       | D .com.* x blocked ; D .com.example.* a                         | example.com               |        | routed a
          built-in open route blocked by default  | open                                                            | sip:bob@unknown.org       |        | blocked open
          explicit route wins over blocked open   | open ; D .com.example.* a                                       | sip:bob@example.com       |        | routed a
          fallback stops at blocked open route    | open ; D .com.example.* a                                       | sip:bob@example.com       | a      | blocked open
          unblocked open route federates anyone   | open exp ; D .com.example.* a                                   | sip:bob@unknown.org       |        | routed exp
          unblocked open route is the last resort | open exp ; D .com.example.* a                                   | sip:bob@example.com       |        | routed a exp
          port 0 resolves SRV of the next hop     | D .com.example.* a port=0                                       | example.com               |        | routed srv:_sipfederationtls._tcp.a.test
          user route on the user part             | U 1408* gw                                                      | sip:14085551234@pstn.example.com |  | routed gw
          user route single-char wildcards        | U 1408....... gw ; U 1408* any                                  | sip:14085551234@x.com     |        | routed gw any
          user route needs a user part            | U * gw                                                          | example.com               |        | none NO_MATCHING_ROUTE
          user and domain routes by specificity   | U 14085551234 gw ; D .com.x.* a                                 | sip:14085551234@x.com     |        | routed gw a
          domain matching ignores case            | D .COM.Example.* a                                              | sip:bob@EXAMPLE.com       |        | routed a
          nothing matches                         | D .com.example.* a                                              | sip:bob@other.net         |        | none NO_MATCHING_ROUTE
          empty table                             | ''                                                              | sip:bob@other.net         |        | none NO_MATCHING_ROUTE
          """)
  void selects(String name, String routes, String address, String failed, String expected) {
    assertThat(RouteSpec.describe(select(routes, address, failed))).isEqualTo(expected);
  }

  @Test
  void explainsEveryRoute() {
    List<StaticRoute> routes =
        RouteSpec.routes(
            "open ; D .com.example.* a ; D .com.example.* b p=2 ; D .com.example.* c off ;"
                + " D .com.example.* d p=3 ; D .com.* e ; D .net.* f ; U 1408* g");
    PatternRouteTable table = new PatternRouteTable(routes, new SplittableRandom(1));
    RouteRequest request =
        RouteRequest.of(RouteAddress.parse("sip:bob@example.com").orElseThrow())
            .withFailed(RouteSpec.failed(routes, "d"));

    RouteExplanation e = table.explain(request);

    assertThat(e.considered())
        .extracting(c -> c.route().nextHop(), ConsideredRoute::verdict, ConsideredRoute::position)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a.test", Verdict.SELECTED, 1),
            org.assertj.core.groups.Tuple.tuple("b.test", Verdict.LOWER_PRIORITY_BACKUP, 2),
            org.assertj.core.groups.Tuple.tuple("c.test", Verdict.OUT_OF_SERVICE, 0),
            org.assertj.core.groups.Tuple.tuple("d.test", Verdict.FAILED, 0),
            org.assertj.core.groups.Tuple.tuple("e.test", Verdict.LESS_SPECIFIC_FALLBACK, 3),
            org.assertj.core.groups.Tuple.tuple("", Verdict.BLOCKED, 0),
            org.assertj.core.groups.Tuple.tuple("f.test", Verdict.NOT_MATCHING, 0),
            org.assertj.core.groups.Tuple.tuple("g.test", Verdict.NOT_MATCHING, 0));
    assertThat(e.selection()).isInstanceOf(RouteSelection.Routed.class);
    assertThat(e.candidates()).hasSize(3);
    assertThat(e.withVerdict(Verdict.NOT_MATCHING).get(1).detail())
        .isEqualTo("pattern does not match user part 'bob'");
    assertThat(e.withVerdict(Verdict.FAILED).get(0).detail()).contains("TLS:d.test:5061");
    assertThat(e.lines())
        .first()
        .isEqualTo("destination bob@example.com (user 'bob', reversed host '.com.example')");
    assertThat(e.lines()).last().asString().startsWith("result: routed, first TLS:a.test:5061");
  }

  @Test
  void explainsStopsAndDisallowedFallback() {
    List<StaticRoute> routes =
        RouteSpec.routes("D .com.example.sip a nols ; D .com.example.* b blocked ; D .com.* c");
    PatternRouteTable table = new PatternRouteTable(routes, new SplittableRandom(1));
    RouteAddress sip = RouteAddress.domain("sip.example.com");
    RouteAddress bare = RouteAddress.domain("example.com");

    assertThat(table.explain(RouteRequest.of(sip)).considered())
        .extracting(ConsideredRoute::verdict)
        .containsExactly(
            Verdict.SELECTED, Verdict.LESS_SPECIFIC_NOT_ALLOWED, Verdict.LESS_SPECIFIC_NOT_ALLOWED);
    assertThat(table.explain(RouteRequest.of(bare)).considered())
        .extracting(ConsideredRoute::verdict)
        .containsExactly(Verdict.BLOCKED, Verdict.STOPPED_BY_BLOCK, Verdict.NOT_MATCHING);
  }

  @Test
  void builtInRouteCanBeLeftOut() {
    List<StaticRoute> routes = RouteSpec.routes("open exp");
    PatternRouteTable table = new PatternRouteTable(routes, new SplittableRandom(1));
    RouteRequest request = RouteRequest.of(RouteAddress.domain("example.com")).withoutBuiltIn();
    RouteExplanation e = table.explain(request);
    assertThat(e.selection())
        .isEqualTo(new RouteSelection.NoRoute(RouteSelection.Reason.NO_MATCHING_ROUTE));
    assertThat(e.considered())
        .extracting(ConsideredRoute::verdict)
        .containsExactly(Verdict.BUILT_IN_EXCLUDED);
  }

  @Test
  void srvCandidateOfPortZero() {
    List<StaticRoute> routes = RouteSpec.routes("D .com.example.* a port=0");
    RouteSelection s =
        new PatternRouteTable(routes, new SplittableRandom(1))
            .select(RouteRequest.of(RouteAddress.domain("example.com")));
    Candidate c = ((RouteSelection.Routed) s).first();
    assertThat(c).isInstanceOf(Candidate.RouteSrv.class);
    assertThat(((Candidate.RouteSrv) c).srvName()).isEqualTo("_sipfederationtls._tcp.a.test");
    assertThat(c.describe())
        .isEqualTo("resolve SRV _sipfederationtls._tcp.a.test via static route .com.example.*");
  }

  @Test
  void refusesInvalidTables() {
    List<StaticRoute> routes =
        List.of(StaticRoute.builder(".com.x.*").priority(0).nextHop("a").build());
    assertThatThrownBy(() -> new PatternRouteTable(routes, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("routes[0].priority");
  }

  @Test
  void routedNeedsCandidates() {
    assertThatThrownBy(() -> new RouteSelection.Routed(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
