package io.fedgate.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatLogLimiterTest {
  private final AtomicLong clock = new AtomicLong(1_000);
  private final RepeatLogLimiter limiter =
      new RepeatLogLimiter(Duration.ofSeconds(60), 3, clock::get);

  @Test
  void theFirstOccurrenceIsLoggedAndRepeatsWithinTheIntervalAreNot() {
    assertThat(limiter.admit("10.0.0.1 malformed")).hasValue(0);
    assertThat(limiter.admit("10.0.0.1 malformed")).isEmpty();
    clock.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(limiter.admit("10.0.0.1 malformed")).isEmpty();
  }

  @Test
  void afterTheIntervalTheNextLineCarriesTheCountLeftOut() {
    limiter.admit("10.0.0.1 malformed");
    for (int i = 0; i < 41; i++) {
      limiter.admit("10.0.0.1 malformed");
    }
    clock.addAndGet(Duration.ofSeconds(60).toNanos());
    assertThat(limiter.admit("10.0.0.1 malformed")).hasValue(41);
    assertThat(limiter.admit("10.0.0.1 malformed")).isEmpty();
  }

  @Test
  void eachPeerAndReasonHasItsOwnWindow() {
    assertThat(limiter.admit("10.0.0.1 malformed")).hasValue(0);
    assertThat(limiter.admit("10.0.0.2 malformed")).hasValue(0);
    assertThat(limiter.admit("10.0.0.1 acl.not-listed")).hasValue(0);
    assertThat(limiter.admit("10.0.0.1 malformed")).isEmpty();
  }

  @Test
  void pastItsKeyLimitTheTableStartsAfreshRatherThanGrowing() {
    limiter.admit("a");
    limiter.admit("b");
    limiter.admit("c");
    assertThat(limiter.admit("a")).isEmpty();
    // a fourth key clears the table: a, b, c are logged again at their next occurrence
    assertThat(limiter.admit("d")).hasValue(0);
    assertThat(limiter.admit("a")).isEqualTo(OptionalLong.of(0));
  }
}
