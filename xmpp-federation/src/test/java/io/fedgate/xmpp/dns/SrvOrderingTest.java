package io.fedgate.xmpp.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 2782 ordering: priority first, then weighted random within a priority. */
class SrvOrderingTest {

  @Test
  void lowerPriorityAlwaysComesFirst() {
    List<SrvTarget> records =
        List.of(
            new SrvTarget("c.example", 5269, false, 20, 100),
            new SrvTarget("a.example", 5223, true, 5, 0),
            new SrvTarget("b.example", 5269, false, 10, 50));
    for (int seed = 0; seed < 50; seed++) {
      assertThat(SrvOrdering.order(records, new Random(seed)))
          .extracting(SrvTarget::host)
          .containsExactly("a.example", "b.example", "c.example");
    }
  }

  @Test
  void weightsDecideTheShareOfFirstPlaces() {
    List<SrvTarget> records =
        List.of(
            new SrvTarget("heavy.example", 5269, false, 10, 90),
            new SrvTarget("light.example", 5269, false, 10, 10));
    Map<String, Integer> first = new HashMap<>();
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      List<SrvTarget> ordered = SrvOrdering.order(records, random);
      assertThat(ordered).hasSize(2);
      first.merge(ordered.get(0).host(), 1, Integer::sum);
    }
    // expected 9,000 : 1,000 (a draw of exactly 0 picks the first listed, ~1/101 extra)
    assertThat(first.get("heavy.example")).isBetween(8_600, 9_300);
    assertThat(first.get("light.example")).isBetween(700, 1_400);
  }

  @Test
  void zeroWeightTargetsAreStillUsedButRarelyFirst() {
    List<SrvTarget> records =
        List.of(
            new SrvTarget("zero.example", 5269, false, 1, 0),
            new SrvTarget("some.example", 5269, false, 1, 50));
    int zeroFirst = 0;
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      List<SrvTarget> ordered = SrvOrdering.order(records, random);
      assertThat(ordered).extracting(SrvTarget::host).contains("zero.example", "some.example");
      zeroFirst += ordered.get(0).host().equals("zero.example") ? 1 : 0;
    }
    assertThat(zeroFirst).isBetween(50, 200); // 1/51 of 5,000 ~ 98
  }

  @Test
  void aTrailingDotAndCaseAreNormalised() {
    assertThat(new SrvTarget("XMPP.Example.ORG.", 5269, false, 0, 0).host())
        .isEqualTo("xmpp.example.org");
  }
}
