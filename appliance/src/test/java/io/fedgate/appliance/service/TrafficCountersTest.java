package io.fedgate.appliance.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Dashboard's counters and rates. */
class TrafficCountersTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void countsPerKeyHighestFirstWithTheTotal() {
    TrafficCounters counters = new TrafficCounters();
    counters.increment("b.example");
    counters.increment("a.example");
    counters.increment("a.example");
    counters.increment("");

    assertThat(counters.total()).isEqualTo(4);
    assertThat(counters.byKey())
        .containsExactly(
            Map.entry("a.example", 2L), Map.entry("(none)", 1L), Map.entry("b.example", 1L));
  }

  @Test
  void keysBeyondTheLimitAreCountedTogetherSoMadeUpNamesCannotGrowTheMap() {
    TrafficCounters counters = new TrafficCounters();
    IntStream.range(0, TrafficCounters.MAX_KEYS + 100)
        .parallel()
        .forEach(i -> counters.increment("d" + i + ".example"));

    assertThat(counters.total()).isEqualTo(TrafficCounters.MAX_KEYS + 100);
    assertThat(counters.byKey().size()).isLessThanOrEqualTo(TrafficCounters.MAX_KEYS + 1);
    assertThat(counters.byKey().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(TrafficCounters.MAX_KEYS + 100);
    assertThat(counters.byKey()).containsKey(TrafficCounters.OTHER);
  }

  @Test
  void ratesNeedTwoSamplesAndCoverTheLastMinute() {
    TrafficRates rates = new TrafficRates();
    rates.sample(T0, Map.of("SIP in", 0L));
    assertThat(rates.perMinute()).isEmpty();
    assertThat(rates.span()).isZero();

    rates.sample(T0.plusSeconds(30), Map.of("SIP in", 15L, "SIP out", 4L));

    assertThat(rates.perMinute()).containsEntry("SIP in", 30.0).containsEntry("SIP out", 8.0);
    assertThat(rates.span()).isEqualTo(Duration.ofSeconds(30));

    for (int s = 35; s <= 180; s += 5) {
      rates.sample(T0.plusSeconds(s), Map.of("SIP in", 15L + (s - 30) * 2L, "SIP out", 4L));
    }
    assertThat(rates.span()).isLessThanOrEqualTo(Duration.ofSeconds(65));
    assertThat(rates.perMinute()).containsEntry("SIP in", 120.0).containsEntry("SIP out", 0.0);
  }
}
