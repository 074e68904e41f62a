package io.fedgate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.routes.RouteProblem.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteValidatorTest {

  private static StaticRoute.Builder valid() {
    return StaticRoute.builder(".com.example.*")
        .routeType(RouteType.DOMAIN)
        .protocol(Transport.TLS)
        .nextHop("edge.example.com", 5061);
  }

  static Stream<Arguments> fieldRules() {
    String long256 = "a".repeat(256);
    return Stream.of(
        row("valid domain route", b -> b, null, null),
        row("pattern required", b -> b.destinationPattern(""), "destinationPattern", Code.REQUIRED),
        row("pattern null", b -> b.destinationPattern(null), "destinationPattern", Code.REQUIRED),
        row("pattern 255 ok", b -> b.destinationPattern("." + "a".repeat(254)), null, null),
        row(
            "pattern too long",
            b -> b.destinationPattern("." + long256),
            "destinationPattern",
            Code.TOO_LONG),
        row(
            "pattern bad escape",
            b -> b.destinationPattern(".com.x\\"),
            "destinationPattern",
            Code.INVALID_PATTERN),
        row("description 255 ok", b -> b.description("d".repeat(255)), null, null),
        row("description too long", b -> b.description(long256), "description", Code.TOO_LONG),
        row("description null", b -> b.description(null), "description", Code.REQUIRED),
        row("next hop required", b -> b.nextHop(""), "nextHop", Code.REQUIRED),
        row("next hop may be empty when blocked", b -> b.nextHop("").blocked(true), null, null),
        row("next hop IPv4", b -> b.nextHop("192.0.2.10"), null, null),
        row("next hop IPv6", b -> b.nextHop("[2001:db8::10]"), null, null),
        row(
            "next hop SRV name with port 0",
            b -> b.nextHop("_sipfederationtls._tcp.example.com", 0),
            null,
            null),
        row(
            "next hop SRV name needs port 0",
            b -> b.nextHop("_sipfederationtls._tcp.example.com", 5061),
            "nextHopPort",
            Code.SRV_NAME_NEEDS_PORT_0),
        row("next hop invalid", b -> b.nextHop("edge example.com"), "nextHop", Code.INVALID_HOST),
        row("next hop too long", b -> b.nextHop(long256 + ".com"), "nextHop", Code.TOO_LONG),
        row("port 0 resolves SRV of an FQDN", b -> b.nextHopPort(0), null, null),
        row(
            "port 0 needs a name",
            b -> b.nextHop("192.0.2.10", 0),
            "nextHopPort",
            Code.SRV_NEEDS_NAME),
        row("port 65535 ok", b -> b.nextHopPort(65535), null, null),
        row("port 65536", b -> b.nextHopPort(65536), "nextHopPort", Code.OUT_OF_RANGE),
        row("port -1", b -> b.nextHopPort(-1), "nextHopPort", Code.OUT_OF_RANGE),
        row("route type required", b -> b.routeType(null), "routeType", Code.REQUIRED),
        row("protocol required", b -> b.protocol(null), "protocol", Code.REQUIRED),
        row("priority 1 ok", b -> b.priority(1), null, null),
        row("priority 65535 ok", b -> b.priority(65535), null, null),
        row("priority 0", b -> b.priority(0), "priority", Code.OUT_OF_RANGE),
        row("priority 65536", b -> b.priority(65536), "priority", Code.OUT_OF_RANGE),
        row("weight 0", b -> b.weight(0), "weight", Code.OUT_OF_RANGE),
        row("weight 65536", b -> b.weight(65536), "weight", Code.OUT_OF_RANGE),
        row(
            "built-in must be .*",
            b -> b.builtIn(true),
            "destinationPattern",
            Code.BUILT_IN_PATTERN),
        row("built-in .* ok", b -> b.destinationPattern(".*").builtIn(true), null, null));
  }

  private static Arguments row(
      String name, UnaryOperator<StaticRoute.Builder> change, String field, Code code) {
    return Arguments.of(name, change, field, code);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fieldRules")
  void fieldRule(String name, UnaryOperator<StaticRoute.Builder> change, String field, Code code) {
    List<RouteProblem> problems = RouteValidator.validate(change.apply(valid()).build());
    if (code == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems)
          .extracting(RouteProblem::field, RouteProblem::code)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(field, code));
    }
  }

  @Test
  void reportsEveryProblemAtOnceWithoutCorrecting() {
    StaticRoute bad =
        new StaticRoute(
            "", "x".repeat(300), "bad host", 70000, null, null, 0, 0, true, true, false, false);
    assertThat(RouteValidator.validate(bad))
        .extracting(RouteProblem::field)
        .containsExactlyInAnyOrder(
            "destinationPattern",
            "description",
            "nextHop",
            "nextHopPort",
            "routeType",
            "protocol",
            "priority",
            "weight");
    assertThat(bad.nextHopPort()).isEqualTo(70000);
  }

  @Test
  void convertsToTheNeutralConfigProblem() {
    RouteProblem p = RouteValidator.validate(valid().weight(0).build()).get(0);
    assertThat(p.toConfigProblem().field()).isEqualTo("weight");
    assertThat(p.toConfigProblem().message()).isEqualTo("weight is 0, must be 1..65535");
  }

  @Test
  void builtInOpenFederationRouteIsValidAndBlocked() {
    StaticRoute open = StaticRoute.openFederation();
    assertThat(RouteValidator.validate(open)).isEmpty();
    assertThat(open.blocked()).isTrue();
    assertThat(open.builtIn()).isTrue();
    assertThat(open.destinationPattern()).isEqualTo(".*");
    assertThat(open.routeType()).isEqualTo(RouteType.DOMAIN);
  }

  @Test
  void builderDefaultsFollowImp() {
    StaticRoute r = StaticRoute.builder("1408*").nextHop("gw.example.com").build();
    assertThat(r.routeType()).isEqualTo(RouteType.USER);
    assertThat(r.protocol()).isEqualTo(Transport.TCP);
    assertThat(r.nextHopPort()).isEqualTo(5060);
    assertThat(r.priority()).isEqualTo(1);
    assertThat(r.allowLessSpecific()).isTrue();
    assertThat(r.inService()).isTrue();
    assertThat(r.blocked()).isFalse();
    assertThat(r.builtIn()).isFalse();
    assertThat(r.toBuilder().build()).isEqualTo(r);
  }

  @Test
  void atMostOneHundredRoutesPerIdenticalPattern() {
    List<StaticRoute> routes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      routes.add(valid().nextHop("edge" + i + ".example.com").build());
    }
    routes.add(valid().destinationPattern(".com.other.*").build());
    assertThat(RouteValidator.validateTable(routes)).isEmpty();

    routes.add(valid().destinationPattern(".COM.Example.*").nextHop("edge100.example.com").build());
    assertThat(RouteValidator.validateTable(routes))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(Code.TOO_MANY_ROUTES_FOR_PATTERN);
              assertThat(p.field()).isEqualTo("routes[101].destinationPattern");
            });
  }

  @Test
  void userAndDomainPatternsCountSeparately() {
    List<StaticRoute> routes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      routes.add(valid().build());
      routes.add(valid().routeType(RouteType.USER).build());
    }
    assertThat(RouteValidator.validateTable(routes)).isEmpty();
  }

  @Test
  void tableProblemsCarryTheRouteIndex() {
    List<StaticRoute> routes =
        List.of(
            valid().build(),
            valid().priority(0).build(),
            StaticRoute.openFederation(),
            StaticRoute.openFederation());
    assertThat(RouteValidator.validateTable(routes))
        .extracting(RouteProblem::field, RouteProblem::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("routes[1].priority", Code.OUT_OF_RANGE),
            org.assertj.core.groups.Tuple.tuple("routes[3].builtIn", Code.DUPLICATE_BUILT_IN));
  }

  @Test
  void srvNameAndHop() {
    StaticRoute srv = valid().nextHop("Example.COM.", 0).build();
    assertThat(srv.resolvesSrv()).isTrue();
    assertThat(srv.srvName()).isEqualTo("_sipfederationtls._tcp.example.com");
    StaticRoute named = valid().nextHop("_sipfederationtls._tcp.partner.net", 0).build();
    assertThat(named.srvName()).isEqualTo("_sipfederationtls._tcp.partner.net");
    assertThat(valid().nextHop("[2001:DB8::1]", 5061).build().hop())
        .isEqualTo(new NextHop("2001:db8::1", 5061, Transport.TLS));
  }
}
