package io.fedgate.routes.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedgate.routes.RouteAddress;
import io.fedgate.routes.StaticRoute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Weighted choice among equal priorities, over many draws with a seeded generator. */
class WeightedSelectionTest {

  private static final int DRAWS = 10_000;
  private static final double TOLERANCE = 0.02;

  private static Map<String, Integer> firstChoices(String routes, long seed) {
    List<StaticRoute> table = RouteSpec.routes(routes);
    PatternRouteTable t = new PatternRouteTable(table, new SplittableRandom(seed));
    RouteRequest request = RouteRequest.of(RouteAddress.domain("example.com"));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < DRAWS; i++) {
      String first = RouteSpec.describe(t.select(request)).split(" ")[1];
      counts.merge(first, 1, Integer::sum);
    }
    return counts;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # routes (same pattern and priority)                                         | expected share of first choice
          D .com.example.* a w=20 ; D .com.example.* b w=10                             | a=0.6667 b=0.3333
          D .com.example.* a w=1 ; D .com.example.* b w=1                               | a=0.5 b=0.5
          D .com.example.* a w=1 ; D .com.example.* b w=2 ; D .com.example.* c w=7      | a=0.1 b=0.2 c=0.7
          D .com.example.* a w=65535 ; D .com.example.* b w=65535                       | a=0.5 b=0.5
          D .com.example.* a w=10 ; D .com.example.* b w=30 ; D .com.example.* z p=2 w=65535 | a=0.25 b=0.75 z=0
          D .com.example.* a w=5 ; D .com.example.* b w=5 ; D .com.example.* c w=5 ; D .com.example.* d w=5 | a=0.25 b=0.25 c=0.25 d=0.25
          """)
  void firstChoiceIsProportionalToWeight(String routes, String expected) {
    for (long seed : new long[] {1, 42}) {
      Map<String, Integer> counts = firstChoices(routes, seed);
      for (String share : expected.split(" ")) {
        String[] kv = share.split("=");
        double actual = counts.getOrDefault(kv[0], 0) / (double) DRAWS;
        assertThat(actual)
            .as("share of %s with seed %d", kv[0], seed)
            .isCloseTo(Double.parseDouble(kv[1]), within(TOLERANCE));
      }
    }
  }

  @Test
  void failoverOrderIsWeightedWithoutReplacement() {
    List<StaticRoute> table =
        RouteSpec.routes("D .com.example.* a w=20 ; D .com.example.* b w=10 ; D .com.* c");
    PatternRouteTable t = new PatternRouteTable(table, new SplittableRandom(3));
    RouteRequest request = RouteRequest.of(RouteAddress.domain("example.com"));
    Map<String, Integer> orders = new HashMap<>();
    for (int i = 0; i < DRAWS; i++) {
      orders.merge(RouteSpec.describe(t.select(request)), 1, Integer::sum);
    }
    assertThat(orders).containsOnlyKeys("routed a b c", "routed b a c");
    assertThat(orders.get("routed a b c") / (double) DRAWS).isCloseTo(2 / 3.0, within(TOLERANCE));
  }

  @Test
  void sameSeedSameDraws() {
    String routes = "D .com.example.* a w=3 ; D .com.example.* b w=4 ; D .com.example.* c w=5";
    assertThat(firstChoices(routes, 99)).isEqualTo(firstChoices(routes, 99));
  }

  @Test
  void explainerShowsTheDraw() {
    List<StaticRoute> table = RouteSpec.routes("D .com.example.* a w=20 ; D .com.example.* b w=10");
    RouteExplanation e =
        new PatternRouteTable(table, new SplittableRandom(5))
            .explain(RouteRequest.of(RouteAddress.domain("example.com")));
    assertThat(e.considered())
        .extracting(ConsideredRoute::verdict)
        .containsExactly(Verdict.SELECTED, Verdict.EQUAL_PRIORITY_ALTERNATIVE);
    assertThat(e.considered().get(1).detail()).contains("weight").contains("of 30");
  }
}
