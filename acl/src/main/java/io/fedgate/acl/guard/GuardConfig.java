package io.fedgate.acl.guard;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.AclProblem.Code;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Thresholds of the open-federation guard. Defaults follow the Lync Access Edge
 * (DiscoveredPartnerStandardRate 20, 1 message/s for suspicious partners, 1000 URIs, report period
 * 60 minutes).
 *
 * @param standardRatePerSecond messages per second per discovered partner (burst of one second)
 * @param suspiciousRatePerSecond messages per second once a partner is suspicious
 * @param maxDistinctLocalUris a partner addressing more distinct local URIs than this is put on the
 *     watch list and blocked
 * @param suspiciousMinRequests outcomes needed in a period before the failure ratio counts
 * @param suspiciousFailureRatio a partner is suspicious when failed / successful requests reaches
 *     this ratio (1.0: at least as many failures as successes)
 * @param period outcome counters (and the per-period admitted/throttled counts) restart every
 *     period; a partner found suspicious at the end of a period stays suspicious for the next one
 * @param idleEviction state of a partner not seen for this long is dropped (watch list excepted)
 * @param maxTrackedPartners at most this many partners' state is kept; the least recently seen is
 *     dropped first (watch list excepted)
 */
public record GuardConfig(
    int standardRatePerSecond,
    int suspiciousRatePerSecond,
    int maxDistinctLocalUris,
    int suspiciousMinRequests,
    double suspiciousFailureRatio,
    Duration period,
    Duration idleEviction,
    int maxTrackedPartners) {

  /** Upper bound of {@link #maxDistinctLocalUris()}, to bound memory per partner. */
  public static final int MAX_URI_LIMIT = 100_000;

  /** The defaults: 20/s, 1/s, 1000 URIs, 20 requests at a 1.0 failure ratio, 60 min, 10000. */
  public static GuardConfig defaults() {
    return new GuardConfig(
        20, 1, 1000, 20, 1.0, Duration.ofMinutes(60), Duration.ofMinutes(60), 10_000);
  }

  /** Every problem at once. */
  public List<AclProblem> validate() {
    List<AclProblem> out = new ArrayList<>();
    positive("standardRatePerSecond", standardRatePerSecond, out);
    positive("suspiciousRatePerSecond", suspiciousRatePerSecond, out);
    if (suspiciousRatePerSecond > standardRatePerSecond && standardRatePerSecond >= 1) {
      out.add(
          new AclProblem(
              "suspiciousRatePerSecond",
              Code.OUT_OF_RANGE,
              "must not exceed standardRatePerSecond (" + standardRatePerSecond + ")"));
    }
    positive("maxDistinctLocalUris", maxDistinctLocalUris, out);
    if (maxDistinctLocalUris > MAX_URI_LIMIT) {
      out.add(
          new AclProblem("maxDistinctLocalUris", Code.OUT_OF_RANGE, "at most " + MAX_URI_LIMIT));
    }
    positive("suspiciousMinRequests", suspiciousMinRequests, out);
    if (!(suspiciousFailureRatio > 0) || Double.isInfinite(suspiciousFailureRatio)) {
      out.add(
          new AclProblem("suspiciousFailureRatio", Code.OUT_OF_RANGE, "must be a positive number"));
    }
    positive("period", period, out);
    positive("idleEviction", idleEviction, out);
    positive("maxTrackedPartners", maxTrackedPartners, out);
    return out;
  }

  private static void positive(String field, int value, List<AclProblem> out) {
    if (value < 1) {
      out.add(
          new AclProblem(
              field, Code.OUT_OF_RANGE, field + " is " + value + ", must be at least 1"));
    }
  }

  private static void positive(String field, Duration value, List<AclProblem> out) {
    if (value == null) {
      out.add(new AclProblem(field, Code.REQUIRED, field + " is required"));
    } else if (value.isNegative() || value.isZero()) {
      out.add(new AclProblem(field, Code.OUT_OF_RANGE, field + " must be longer than zero"));
    }
  }
}
