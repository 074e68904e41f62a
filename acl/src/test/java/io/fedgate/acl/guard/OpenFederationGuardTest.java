package io.fedgate.acl.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.acl.guard.GuardDecision.AllowReason;
import io.fedgate.acl.guard.GuardDecision.DenyReason;
import io.fedgate.acl.guard.GuardDecision.ThrottleReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenFederationGuardTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final FakeClock clock = new FakeClock(T0);

  private OpenFederationGuard guard(GuardConfig config, Set<String> allowList) {
    return new OpenFederationGuard(config, clock, allowList::contains, new SplittableRandom(11));
  }

  private OpenFederationGuard guard() {
    return guard(GuardConfig.defaults(), Set.of("friend.com"));
  }

  private static GuardConfig config(int rate, int suspiciousRate, int uris, int min, double ratio) {
    return new GuardConfig(
        rate,
        suspiciousRate,
        uris,
        min,
        ratio,
        Duration.ofMinutes(60),
        Duration.ofMinutes(60),
        100);
  }

  /** Sends n requests at the current instant, to five local URIs in turn. */
  private static GuardDecision burst(OpenFederationGuard g, String partner, int n) {
    GuardDecision last = null;
    for (int i = 0; i < n; i++) {
      last = g.check(partner, "sip:user" + (i % 5) + "@local.example");
    }
    return last;
  }

  @Test
  void defaults() {
    assertThat(GuardConfig.defaults())
        .isEqualTo(
            new GuardConfig(
                20, 1, 1000, 20, 1.0, Duration.ofMinutes(60), Duration.ofMinutes(60), 10_000));
    assertThat(GuardConfig.defaults().validate()).isEmpty();
  }

  @ParameterizedTest(name = "standard rate {0}/s")
  @CsvSource({"20, 50", "1, 1000", "5, 200", "3, 334"})
  void standardRate(int rate, long retryMillis) {
    OpenFederationGuard g = guard(config(rate, 1, 1000, 20, 1.0), Set.of());
    for (int i = 0; i < rate; i++) {
      assertThat(g.check("partner.com", "sip:a@local"))
          .isEqualTo(new GuardDecision.Allow(AllowReason.WITHIN_STANDARD_RATE));
    }
    GuardDecision over = g.check("partner.com", "sip:a@local");
    assertThat(over).isInstanceOf(GuardDecision.Throttle.class);
    GuardDecision.Throttle t = (GuardDecision.Throttle) over;
    assertThat(t.reason()).isEqualTo(ThrottleReason.STANDARD_RATE);
    assertThat(t.ratePerSecond()).isEqualTo(rate);
    assertThat(t.retryAfter().toMillis()).isBetween(retryMillis - 1, retryMillis);

    clock.advance(t.retryAfter().minusNanos(1));
    assertThat(g.check("partner.com", "sip:a@local").allowed()).isFalse();
    clock.advance(Duration.ofNanos(1));
    assertThat(g.check("partner.com", "sip:a@local").allowed()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(burst(g, "partner.com", rate).allowed()).isTrue();
    assertThat(g.check("partner.com", "sip:a@local").allowed()).isFalse();
  }

  @Test
  void partnersHaveTheirOwnBuckets() {
    OpenFederationGuard g = guard();
    assertThat(burst(g, "a.com", 20).allowed()).isTrue();
    assertThat(g.check("a.com", "sip:x@local").allowed()).isFalse();
    assertThat(g.check("b.com", "sip:x@local").allowed()).isTrue();
    assertThat(g.check("A.COM.", "sip:x@local").allowed())
        .as("same partner, other spelling")
        .isFalse();
  }

  @ParameterizedTest(name = "{0} ok / {1} failed, min {2}, ratio {3} -> suspicious {4}")
  @CsvSource({
    "0, 20, 20, 1.0, true",
    "0, 19, 20, 1.0, false",
    "10, 10, 20, 1.0, true",
    "11, 10, 20, 1.0, false",
    "10, 9, 20, 1.0, false",
    "100, 50, 20, 0.5, true",
    "100, 49, 20, 0.5, false",
    "3, 3, 5, 1.0, true",
    "0, 4, 5, 1.0, false",
    "20, 0, 20, 1.0, false"
  })
  void suspiciousByFailureRatio(int ok, int failed, int min, double ratio, boolean suspicious) {
    OpenFederationGuard g = guard(config(20, 1, 1000, min, ratio), Set.of());
    g.check("partner.com", "sip:a@local");
    for (int i = 0; i < ok; i++) {
      g.recordOutcome("partner.com", true);
    }
    for (int i = 0; i < failed; i++) {
      g.recordOutcome("partner.com", false);
    }
    clock.advance(Duration.ofSeconds(1));
    GuardDecision first = g.check("partner.com", "sip:a@local");
    GuardDecision second = g.check("partner.com", "sip:a@local");
    if (suspicious) {
      assertThat(first).isEqualTo(new GuardDecision.Allow(AllowReason.WITHIN_SUSPICIOUS_RATE));
      assertThat(second).isInstanceOf(GuardDecision.Throttle.class);
      assertThat(((GuardDecision.Throttle) second).reason())
          .isEqualTo(ThrottleReason.SUSPICIOUS_RATE);
      assertThat(((GuardDecision.Throttle) second).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    } else {
      assertThat(first).isEqualTo(new GuardDecision.Allow(AllowReason.WITHIN_STANDARD_RATE));
      assertThat(second.allowed()).isTrue();
    }
  }

  @Test
  void suspiciousRateIsConfigurable() {
    OpenFederationGuard g = guard(config(20, 3, 1000, 1, 1.0), Set.of());
    g.check("partner.com", "sip:a@local");
    g.recordOutcome("partner.com", false);
    clock.advance(Duration.ofSeconds(1));
    assertThat(burst(g, "partner.com", 3))
        .isEqualTo(new GuardDecision.Allow(AllowReason.WITHIN_SUSPICIOUS_RATE));
    GuardDecision.Throttle t = (GuardDecision.Throttle) g.check("partner.com", "sip:a@local");
    assertThat(t.ratePerSecond()).isEqualTo(3);
    assertThat(t.retryAfter()).isEqualTo(Duration.ofNanos(333_333_334));
  }

  @Test
  void suspicionLastsOneMorePeriodThenClears() {
    OpenFederationGuard g = guard();
    g.check("partner.com", "sip:a@local");
    for (int i = 0; i < 20; i++) {
      g.recordOutcome("partner.com", false);
    }
    assertThat(g.snapshot().throttled())
        .singleElement()
        .extracting(PartnerStatus::suspicious)
        .isEqualTo(true);

    clock.advance(Duration.ofMinutes(60));
    for (int i = 0; i < 50; i++) {
      g.recordOutcome("partner.com", true);
    }
    assertThat(g.check("partner.com", "sip:a@local"))
        .as("carried into the next period")
        .isEqualTo(new GuardDecision.Allow(AllowReason.WITHIN_SUSPICIOUS_RATE));

    clock.advance(Duration.ofMinutes(60));
    assertThat(g.check("partner.com", "sip:a@local"))
        .isEqualTo(new GuardDecision.Allow(AllowReason.WITHIN_STANDARD_RATE));
    assertThat(g.snapshot().throttled()).isEmpty();
  }

  @ParameterizedTest(name = "limit {0} distinct URIs")
  @CsvSource({"1000", "3", "1"})
  void watchListAfterTooManyDistinctUris(int limit) {
    OpenFederationGuard g = guard(config(1000, 1, limit, 20, 1.0), Set.of());
    for (int i = 0; i < limit; i++) {
      clock.advanceMillis(2);
      assertThat(g.check("enum.org", "sip:user" + i + "@local").allowed()).isTrue();
      assertThat(g.check("enum.org", "SIP:User" + i + "@LOCAL").allowed())
          .as("same URI again")
          .isTrue();
    }
    GuardDecision crossing = g.check("enum.org", "sip:one-more@local");
    assertThat(crossing).isInstanceOf(GuardDecision.Deny.class);
    assertThat(((GuardDecision.Deny) crossing).reason()).isEqualTo(DenyReason.DISTINCT_URI_LIMIT);

    clock.advance(Duration.ofDays(1));
    GuardDecision after = g.check("enum.org", "sip:user0@local");
    assertThat(((GuardDecision.Deny) after).reason()).isEqualTo(DenyReason.WATCH_LISTED);
    assertThat(g.snapshot().watchList())
        .containsExactly(new WatchEntry("enum.org", T0.plusMillis(2L * limit), limit + 1));
    assertThat(g.snapshot().trackedPartners()).isZero();

    assertThat(g.release("ENUM.org")).isTrue();
    assertThat(g.release("enum.org")).isFalse();
    assertThat(g.check("enum.org", "sip:user0@local").allowed()).isTrue();
  }

  @Test
  void throttledRequestsStillCountTheirUris() {
    OpenFederationGuard g = guard(config(1, 1, 3, 20, 1.0), Set.of());
    assertThat(g.check("enum.org", "sip:a@local").allowed()).isTrue();
    assertThat(g.check("enum.org", "sip:b@local")).isInstanceOf(GuardDecision.Throttle.class);
    assertThat(g.check("enum.org", "sip:c@local")).isInstanceOf(GuardDecision.Throttle.class);
    assertThat(((GuardDecision.Deny) g.check("enum.org", "sip:d@local")).reason())
        .isEqualTo(DenyReason.DISTINCT_URI_LIMIT);
  }

  @Test
  void allowListedPartnersAreExempt() {
    OpenFederationGuard g = guard(config(1, 1, 2, 1, 1.0), Set.of("friend.com"));
    for (int i = 0; i < 100; i++) {
      assertThat(g.check("Friend.com", "sip:user" + i + "@local"))
          .isEqualTo(new GuardDecision.Allow(AllowReason.ALLOW_LISTED));
      g.recordOutcome("friend.com", false);
    }
    assertThat(g.snapshot().trackedPartners()).isZero();
    assertThat(g.snapshot().watchList()).isEmpty();
  }

  @Test
  void allowListingLiftsTheWatchList() {
    Set<String> allow = new java.util.HashSet<>();
    OpenFederationGuard g =
        new OpenFederationGuard(
            config(100, 1, 1, 20, 1.0), clock, allow::contains, new SplittableRandom(1));
    g.check("partner.com", "sip:a@local");
    assertThat(g.check("partner.com", "sip:b@local").allowed()).isFalse();
    allow.add("partner.com");
    assertThat(g.check("partner.com", "sip:c@local").allowed()).isTrue();
  }

  @Test
  void invalidPartner() {
    GuardDecision d = guard().check("not a domain", "sip:a@local");
    assertThat(((GuardDecision.Deny) d).reason()).isEqualTo(DenyReason.INVALID_PARTNER);
    guard().recordOutcome("not a domain", false);
  }

  @Test
  void snapshotShowsThrottledPartners() {
    OpenFederationGuard g = guard();
    burst(g, "busy.com", 25);
    g.check("quiet.com", "sip:a@local");
    clock.advanceMillis(10);

    GuardSnapshot s = g.snapshot();
    assertThat(s.at()).isEqualTo(T0.plusMillis(10));
    assertThat(s.trackedPartners()).isEqualTo(2);
    assertThat(s.throttled())
        .containsExactly(
            new PartnerStatus("busy.com", false, 20, 20, 5, java.util.Optional.of(T0), 5, 0, 0));

    clock.advance(Duration.ofMinutes(60));
    assertThat(g.snapshot().throttled()).as("counts restart each period").isEmpty();
  }

  @Test
  void idlePartnerStateIsEvicted() {
    OpenFederationGuard g = guard();
    burst(g, "a.com", 21);
    clock.advance(Duration.ofMinutes(59));
    g.check("b.com", "sip:x@local");
    assertThat(g.snapshot().trackedPartners()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(1));
    assertThat(g.snapshot().trackedPartners()).as("a.com idle for 60 minutes").isEqualTo(1);
    g.recordOutcome("a.com", false);
    assertThat(g.snapshot().throttled()).isEmpty();
  }

  @Test
  void trackedPartnersAreCappedLeastRecentlySeenFirst() {
    GuardConfig small =
        new GuardConfig(2, 1, 1000, 20, 1.0, Duration.ofMinutes(60), Duration.ofMinutes(60), 2);
    OpenFederationGuard g = guard(small, Set.of());
    burst(g, "a.com", 3);
    burst(g, "b.com", 3);
    g.check("a.com", "sip:x@local");
    g.check("c.com", "sip:x@local");
    GuardSnapshot s = g.snapshot();
    assertThat(s.trackedPartners()).isEqualTo(2);
    assertThat(s.throttled()).extracting(PartnerStatus::partner).containsExactly("a.com");
  }
}
