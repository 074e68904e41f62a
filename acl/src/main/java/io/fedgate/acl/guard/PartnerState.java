package io.fedgate.acl.guard;

/** What the guard remembers about one discovered partner. Not thread-safe. */
final class PartnerState {

  final String partner;
  final TokenBucket bucket;
  final UriSet uris;
  long lastSeen;
  long periodStart;
  long successes;
  long failures;
  long admitted;
  long throttled;
  long lastThrottled = Long.MIN_VALUE;
  boolean suspiciousCarried;

  PartnerState(String partner, GuardConfig config, long now) {
    this.partner = partner;
    this.bucket = new TokenBucket(config.standardRatePerSecond(), now);
    this.uris = new UriSet(config.maxDistinctLocalUris() + 1);
    this.lastSeen = now;
    this.periodStart = now;
  }

  /** Starts a new period when the current one is over; suspicion carries into the next one. */
  void roll(GuardConfig config, long now) {
    long period = config.period().toNanos();
    if (now - periodStart < period) {
      return;
    }
    boolean endedSuspicious = countsSuspicious(config);
    long periods = (now - periodStart) / period;
    suspiciousCarried = periods == 1 && endedSuspicious;
    periodStart += periods * period;
    successes = 0;
    failures = 0;
    admitted = 0;
    throttled = 0;
  }

  /** Suspicious by this period's counts, or carried over from the last period. */
  boolean suspicious(GuardConfig config) {
    return suspiciousCarried || countsSuspicious(config);
  }

  private boolean countsSuspicious(GuardConfig config) {
    long total = successes + failures;
    return total >= config.suspiciousMinRequests()
        && failures >= config.suspiciousFailureRatio() * successes;
  }
}
