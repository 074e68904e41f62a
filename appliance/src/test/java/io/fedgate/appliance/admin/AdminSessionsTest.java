package io.fedgate.appliance.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AdminSessionsTest {
  private final MutableClock clock = new MutableClock();
  private Duration timeout = Duration.ofMinutes(30);
  private final AdminSessions sessions =
      new AdminSessions(new SecureRandom(), clock, () -> timeout);

  @Test
  void aSessionLivesWhileUsedAndEndsAfterTheIdleTimeout() {
    AdminSessions.Session session = sessions.create("admin");
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.touch(session.id)).isPresent();
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.touch(session.id)).isPresent();

    clock.advance(Duration.ofMinutes(31));
    assertThat(sessions.touch(session.id)).isEmpty();
    assertThat(sessions.touch(session.id)).isEmpty();
  }

  @Test
  void aShorterTimeoutAppliesToOpenSessionsAtOnce() {
    AdminSessions.Session session = sessions.create("admin");
    clock.advance(Duration.ofMinutes(10));
    timeout = Duration.ofMinutes(5);
    assertThat(sessions.touch(session.id)).isEmpty();
  }

  @Test
  void idsAndCsrfTokensAreRandomAndUnknownIdsFindNothing() {
    AdminSessions.Session a = sessions.create("admin");
    AdminSessions.Session b = sessions.create("admin");
    assertThat(a.id).isNotEqualTo(b.id).hasSizeGreaterThanOrEqualTo(43);
    assertThat(a.csrfToken).isNotEqualTo(b.csrfToken).isNotEqualTo(a.id);
    assertThat(sessions.touch("made-up")).isEmpty();
    assertThat(sessions.touch(null)).isEmpty();
  }

  @Test
  void removingAUserEndsAllTheirSessions() {
    AdminSessions.Session a = sessions.create("ops");
    AdminSessions.Session b = sessions.create("ops");
    AdminSessions.Session c = sessions.create("admin");
    sessions.removeUser("ops");
    assertThat(sessions.touch(a.id)).isEmpty();
    assertThat(sessions.touch(b.id)).isEmpty();
    assertThat(sessions.touch(c.id)).isPresent();
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
