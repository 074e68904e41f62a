package io.fedgate.appliance.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final MutableClock clock = new MutableClock();
  private final LoginThrottle throttle = new LoginThrottle(clock);

  @Test
  void fiveFailuresLockTheAccountForThirtySecondsThenLonger() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("admin", "127.0.0.50");
      assertThat(throttle.lockedFor("admin", "127.0.0.50")).isEmpty();
    }
    throttle.failed("admin", "127.0.0.50");

    assertThat(throttle.lockedFor("admin", "127.0.0.50")).hasValue(Duration.ofSeconds(30));
    assertThat(throttle.lockedFor("ADMIN", "127.0.0.51")).isPresent();
    assertThat(throttle.lockedFor("other", "127.0.0.51")).isEmpty();

    clock.advance(Duration.ofSeconds(31));
    assertThat(throttle.lockedFor("admin", "127.0.0.50")).isEmpty();
    throttle.failed("admin", "127.0.0.50");
    assertThat(throttle.lockedFor("admin", "127.0.0.50")).hasValue(Duration.ofSeconds(60));
  }

  @Test
  void oneAddressGuessingManyAccountsIsLockedToo() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("user" + i, "127.0.0.52");
    }
    assertThat(throttle.lockedFor("user9", "127.0.0.52")).isPresent();
    assertThat(throttle.lockedFor("user9", "127.0.0.53")).isEmpty();
  }

  @Test
  void aSuccessClearsTheCount() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("admin", "127.0.0.50");
    }
    throttle.succeeded("admin", "127.0.0.50");
    throttle.failed("admin", "127.0.0.50");
    assertThat(throttle.lockedFor("admin", "127.0.0.50")).isEmpty();
  }

  @Test
  void theLockNeverExceedsFifteenMinutes() {
    for (int i = 0; i < 40; i++) {
      throttle.failed("admin", "127.0.0.50");
    }
    assertThat(throttle.lockedFor("admin", "127.0.0.50")).hasValue(Duration.ofMinutes(15));
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-22T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
