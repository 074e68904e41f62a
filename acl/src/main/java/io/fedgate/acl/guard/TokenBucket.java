package io.fedgate.acl.guard;

/**
 * A token bucket holding up to one second's worth of tokens, refilled continuously. Tokens are
 * counted in billionths so that the arithmetic is exact in integers. Not thread-safe.
 */
final class TokenBucket {

  private static final long UNIT = 1_000_000_000L;

  private int rate;
  private long tokens;
  private long last;

  /** A full bucket. */
  TokenBucket(int ratePerSecond, long nowNanos) {
    this.rate = ratePerSecond;
    this.tokens = ratePerSecond * UNIT;
    this.last = nowNanos;
  }

  int rate() {
    return rate;
  }

  /** Changes the rate; tokens above the new capacity are dropped. */
  void setRate(int ratePerSecond, long nowNanos) {
    if (ratePerSecond != rate) {
      refill(nowNanos);
      rate = ratePerSecond;
      tokens = Math.min(tokens, rate * UNIT);
    }
  }

  /** Takes one token: 0 when taken, else the nanoseconds until one is available. */
  long tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= UNIT) {
      tokens -= UNIT;
      return 0;
    }
    long missing = UNIT - tokens;
    return (missing + rate - 1) / rate;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - last;
    if (elapsed <= 0) {
      return;
    }
    last = nowNanos;
    long capacity = rate * UNIT;
    tokens = elapsed >= UNIT ? capacity : Math.min(capacity, tokens + elapsed * rate);
  }
}
