package io.fedgate.sip.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-peer token bucket with a fake clock. */
class PeerFloodThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicInteger rate = new AtomicInteger(10);
  private final PeerFloodThrottle throttle = new PeerFloodThrottle(rate::get, now::get);

  private int allowed(String peer, int requests) {
    int ok = 0;
    for (int i = 0; i < requests; i++) {
      if (throttle.check(peer) instanceof PeerFloodThrottle.Verdict.Allowed) {
        ok++;
      }
    }
    return ok;
  }

  @Test
  void aPeerGetsTwoSecondsWorthAtOnceThenTheRateWithRetryAfter() {
    assertThat(allowed("192.0.2.1", 25)).isEqualTo(20);

    var verdict = throttle.check("192.0.2.1");
    assertThat(verdict)
        .isInstanceOfSatisfying(
            PeerFloodThrottle.Verdict.Throttled.class,
            t -> {
              assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(1));
              assertThat(t.ratePerSecond()).isEqualTo(10);
              assertThat(t.first()).as("only the first refusal of the episode is logged").isFalse();
            });

    now.addAndGet(500_000_000L); // half a second: 5 more
    assertThat(allowed("192.0.2.1", 10)).isEqualTo(5);
  }

  @Test
  void anotherPeerIsNotAffectedByOnesFlood() {
    allowed("192.0.2.1", 1000);
    assertThat(allowed("192.0.2.2", 20)).isEqualTo(20);
  }

  @Test
  void theFirstRefusalOfAnEpisodeIsMarked() {
    allowed("192.0.2.1", 20);
    assertThat(throttle.check("192.0.2.1"))
        .isInstanceOfSatisfying(
            PeerFloodThrottle.Verdict.Throttled.class, t -> assertThat(t.first()).isTrue());
  }

  @Test
  void rateZeroIsNoLimitAndTheRateIsReadLive() {
    rate.set(0);
    assertThat(allowed("192.0.2.1", 10_000)).isEqualTo(10_000);
    rate.set(1);
    assertThat(allowed("192.0.2.3", 5)).isEqualTo(2);
  }
}
