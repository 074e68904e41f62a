package io.fedgate.routes.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.routes.RouteAddress;
import io.fedgate.routes.StaticRoute;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IM&P's routing order for "Inter-domain to AOL" domains, default routing domain aol.com. */
class RoutingChainTest {

  private static final String SRV = "srv:_sipfederationtls._tcp.";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # name                                 | routes                                        | address               | failed | expected
          hosted: static, SRV, default static, default SRV | D .com.hosted.* h ; D .com.aol.* a  | sip:bob@hosted.com    |        | routed h SRV.hosted.com a SRV.aol.com
          hosted without static route          | D .com.aol.* a                                 | sip:bob@hosted.com    |        | routed SRV.hosted.com a SRV.aol.com
          no static routes at all              | ''                                             | sip:bob@hosted.com    |        | routed SRV.hosted.com SRV.aol.com
          default domain user: static then SRV | D .com.hosted.* h ; D .com.aol.* a             | sip:bob@aol.com       |        | routed a SRV.aol.com
          failed static route skipped          | D .com.hosted.* h ; D .com.aol.* a             | sip:bob@hosted.com    | h      | routed SRV.hosted.com a SRV.aol.com
          blocked open route does not apply    | open ; D .com.aol.* a                          | sip:bob@hosted.com    |        | routed SRV.hosted.com a SRV.aol.com
          unblocked open route does not apply  | open x                                         | sip:bob@hosted.com    |        | routed SRV.hosted.com SRV.aol.com
          blocked hosted domain stops at once  | D .com.hosted.* h blocked ; D .com.aol.* a     | sip:bob@hosted.com    |        | blocked h
          blocked default keeps what came first| D .com.aol.* a blocked                         | sip:bob@hosted.com    |        | routed SRV.hosted.com
          user route listed once              | U bob u ; D .com.aol.* a                       | sip:bob@hosted.com    |        | routed u SRV.hosted.com a SRV.aol.com
          """)
  void aolChain(String name, String routes, String address, String failed, String expected) {
    List<StaticRoute> table = RouteSpec.routes(routes);
    RoutingChain chain =
        RoutingChain.aol(RouteAddress.parse(address).orElseThrow().host(), "AOL.com");
    RoutingChain.Outcome outcome =
        chain.evaluate(
            new PatternRouteTable(table, new SplittableRandom(1)),
            RouteAddress.parse(address).orElseThrow(),
            RouteSpec.failed(table, failed));
    assertThat(RouteSpec.describe(outcome.selection())).isEqualTo(expected.replace("SRV.", SRV));
  }

  @Test
  void chainShapes() {
    assertThat(RoutingChain.aol("hosted.com", "aol.com").steps())
        .containsExactly(
            new RoutingChain.StaticStep("hosted.com"),
            new RoutingChain.SrvStep("hosted.com"),
            new RoutingChain.StaticStep("aol.com"),
            new RoutingChain.SrvStep("aol.com"));
    assertThat(RoutingChain.aol("AOL.com.", "aol.com").steps())
        .containsExactly(
            new RoutingChain.StaticStep("aol.com"), new RoutingChain.SrvStep("aol.com"));
    assertThat(RoutingChain.federatedDomain("lync.example"))
        .isEqualTo(
            new RoutingChain(
                List.of(
                    new RoutingChain.StaticStep("lync.example"),
                    new RoutingChain.SrvStep("lync.example"))));
  }

  @Test
  void stepOutcomesExplainEachStep() {
    List<StaticRoute> table = RouteSpec.routes("D .com.aol.* a");
    RoutingChain.Outcome outcome =
        RoutingChain.aol("hosted.com", "aol.com")
            .evaluate(
                new PatternRouteTable(table, new SplittableRandom(1)),
                RouteAddress.parse("bob@hosted.com").orElseThrow(),
                java.util.Set.of());
    assertThat(outcome.steps())
        .extracting(RoutingChain.StepOutcome::summary)
        .containsExactly(
            "no route (NO_MATCHING_ROUTE)",
            "resolve SRV _sipfederationtls._tcp.hosted.com",
            "routed, first TLS:a.test:5061 via static route .com.aol.*",
            "resolve SRV _sipfederationtls._tcp.aol.com");
    assertThat(outcome.steps().get(0).considered())
        .extracting(ConsideredRoute::verdict)
        .containsExactly(Verdict.NOT_MATCHING);
  }

  @Test
  void emptyChainHasNoRoute() {
    RoutingChain.Outcome outcome =
        new RoutingChain(List.of())
            .evaluate(
                new PatternRouteTable(List.of(), new SplittableRandom(1)),
                RouteAddress.domain("x.com"),
                java.util.Set.of());
    assertThat(outcome.selection())
        .isEqualTo(new RouteSelection.NoRoute(RouteSelection.Reason.NO_MATCHING_ROUTE));
  }
}
