package io.fedgate.sip.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.sip.gateway.NextHopHealth.Settings;
import io.fedgate.sip.gateway.NextHopHealth.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class NextHopHealthTest {
  static final String A = "192.0.2.1:5061/TLS";
  static final String B = "192.0.2.2:5061/TLS";
  static final String C = "192.0.2.3:5061/TLS";

  final MovableClock clock = new MovableClock();
  final AtomicReference<Settings> settings =
      new AtomicReference<>(new Settings(Duration.ofSeconds(30), 2, 2));
  final NextHopHealth health = new NextHopHealth(settings::get, clock);

  @Test
  void aHopNeverCheckedIsUnknownAndUsable() {
    assertThat(health.status(A)).isEmpty();
    assertThat(health.usable(A)).isTrue();
    assertThat(health.order(List.of(A, B), Function.identity())).containsExactly(A, B);
  }

  @Test
  void aHopGoesDownAfterTheConfiguredFailuresInARowAndIsTriedLast() {
    health.failed(A, "sip.a", "no answer");
    assertThat(health.status(A).orElseThrow().state()).isEqualTo(State.UNKNOWN);
    assertThat(health.usable(A)).isTrue();

    clock.advance(Duration.ofSeconds(30));
    health.failed(A, "sip.a", "cannot reach 192.0.2.1:5061");

    NextHopHealth.Status down = health.status(A).orElseThrow();
    assertThat(down.state()).isEqualTo(State.DOWN);
    assertThat(down.since()).isEqualTo(clock.instant());
    assertThat(down.lastProblem()).contains("cannot reach 192.0.2.1:5061");
    assertThat(health.order(List.of(A, B, C), Function.identity())).containsExactly(B, C, A);
  }

  @Test
  void aSuccessBetweenFailuresResetsTheCount() {
    health.failed(A, "sip.a", "no answer");
    health.succeeded(A, "sip.a");
    health.failed(A, "sip.a", "no answer");

    assertThat(health.status(A).orElseThrow().state()).isEqualTo(State.UP);
    assertThat(health.usable(A)).isTrue();
  }

  @Test
  void aDownHopNeedsTheConfiguredSuccessesInARowToComeBack() {
    health.failed(A, "sip.a", "no answer");
    health.failed(A, "sip.a", "no answer");

    health.succeeded(A, "sip.a");
    assertThat(health.status(A).orElseThrow().state()).isEqualTo(State.DOWN);
    clock.advance(Duration.ofSeconds(30));
    health.succeeded(A, "sip.a");

    NextHopHealth.Status up = health.status(A).orElseThrow();
    assertThat(up.state()).isEqualTo(State.UP);
    assertThat(up.since()).isEqualTo(clock.instant());
    assertThat(health.order(List.of(A, B), Function.identity())).containsExactly(A, B);
  }

  @Test
  void changedThresholdsApplyToTheNextOutcome() {
    settings.set(new Settings(Duration.ofSeconds(30), 1, 1));

    health.failed(A, "sip.a", "503 Service Unavailable");

    assertThat(health.status(A).orElseThrow().state()).isEqualTo(State.DOWN);
  }

  @Test
  void whenEveryHopIsDownAllAreStillTriedInRouteOrder() {
    settings.set(new Settings(Duration.ofSeconds(30), 1, 1));
    health.failed(A, "sip.a", "no answer");
    health.failed(B, "sip.b", "no answer");

    assertThat(health.order(List.of(A, B), Function.identity())).containsExactly(A, B);
  }

  @Test
  void theOperatorLineSaysStateAgeAndProblem() {
    health.failed(A, "sip.a", "no answer");
    health.failed(A, "sip.a", "no answer");
    clock.advance(Duration.ofSeconds(12));

    assertThat(health.status(A).orElseThrow().describe(clock.instant()))
        .isEqualTo(
            "192.0.2.1:5061/TLS (sip.a) down for 12 s, last checked 12 s ago,"
                + " 2 failure(s) in a row: no answer");
  }

  @Test
  void hopsNoRouteLeadsToAreForgotten() {
    health.succeeded(A, "sip.a");
    health.succeeded(B, "sip.b");

    health.retain(List.of(B));

    assertThat(health.snapshot()).extracting(NextHopHealth.Status::key).containsExactly(B);
  }

  static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-22T05:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
