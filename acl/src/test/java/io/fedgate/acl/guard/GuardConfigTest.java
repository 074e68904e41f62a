package io.fedgate.acl.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.acl.AclProblem;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GuardConfigTest {

  @Test
  void everyProblemAtOnce() {
    GuardConfig bad = new GuardConfig(0, 0, 0, 0, Double.NaN, Duration.ZERO, null, 0);
    assertThat(bad.validate())
        .extracting(AclProblem::field)
        .containsExactly(
            "standardRatePerSecond",
            "suspiciousRatePerSecond",
            "maxDistinctLocalUris",
            "suspiciousMinRequests",
            "suspiciousFailureRatio",
            "period",
            "idleEviction",
            "maxTrackedPartners");
  }

  @Test
  void rangeRules() {
    GuardConfig d = GuardConfig.defaults();
    assertThat(new GuardConfig(5, 6, 1000, 20, 1.0, d.period(), d.idleEviction(), 10).validate())
        .extracting(AclProblem::field)
        .containsExactly("suspiciousRatePerSecond");
    assertThat(new GuardConfig(5, 5, 100_001, 20, 1.0, d.period(), d.idleEviction(), 10).validate())
        .extracting(AclProblem::field)
        .containsExactly("maxDistinctLocalUris");
    assertThat(
            new GuardConfig(5, 5, 100_000, 1, 0.01, Duration.ofNanos(1), Duration.ofSeconds(1), 1)
                .validate())
        .isEmpty();
    assertThat(
            new GuardConfig(5, 5, 10, 1, Double.POSITIVE_INFINITY, d.period(), d.idleEviction(), 1)
                .validate())
        .extracting(AclProblem::field)
        .containsExactly("suspiciousFailureRatio");
  }

  @Test
  void guardRefusesInvalidConfig() {
    GuardConfig bad =
        new GuardConfig(0, 1, 1000, 20, 1.0, Duration.ofMinutes(1), Duration.ofMinutes(1), 1);
    assertThatThrownBy(
            () ->
                new OpenFederationGuard(
                    bad, Clock.systemUTC(), d -> false, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("standardRatePerSecond");
  }
}
