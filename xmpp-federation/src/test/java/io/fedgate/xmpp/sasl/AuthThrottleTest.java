package io.fedgate.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  final AuthThrottle throttle = new AuthThrottle(clock, 3, Duration.ofMinutes(5), 100);

  @Test
  void perAddressLimitThenWindowExpires() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.allows("10.0.0.1", "user" + i)).isTrue();
      throttle.failed("10.0.0.1", "user" + i);
    }
    assertThat(throttle.allows("10.0.0.1", "someone")).isFalse();
    assertThat(throttle.allows("10.0.0.2", "someone")).isTrue();
    now.set(now.get().plus(Duration.ofMinutes(5)));
    assertThat(throttle.allows("10.0.0.1", "someone")).isTrue();
  }

  @Test
  void perAccountLimitAcrossAddresses() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("10.0.0." + i, "alice");
    }
    assertThat(throttle.allows("10.9.9.9", "alice")).isFalse();
    assertThat(throttle.allows("10.9.9.9", "bob")).isTrue();
  }
}
