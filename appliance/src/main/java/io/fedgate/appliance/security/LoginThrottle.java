package io.fedgate.appliance.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per account name and per client address: after {@value
 * #FREE_FAILURES} failures in a row a key is locked for 30 seconds, doubling with every further
 * failure up to 15 minutes. A success clears the account's count. While locked, a login is refused
 * without even checking the password.
 */
public final class LoginThrottle {
  static final int FREE_FAILURES = 5;
  private static final Duration FIRST_LOCK = Duration.ofSeconds(30);
  private static final Duration MAX_LOCK = Duration.ofMinutes(15);
  private static final int MAX_KEYS = 10_000;

  private record Failures(int count, Instant lockedUntil, Instant last) {}

  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long the caller must wait before trying this account from this address, if at all. */
  public Optional<Duration> lockedFor(String username, String address) {
    Instant now = clock.instant();
    Instant until = max(lockedUntil(userKey(username)), lockedUntil(addressKey(address)));
    return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }

  public void failed(String username, String address) {
    if (failures.size() > MAX_KEYS) {
      forgetOld();
    }
    count(userKey(username));
    count(addressKey(address));
  }

  public void succeeded(String username, String address) {
    failures.remove(userKey(username));
    failures.remove(addressKey(address));
  }

  private void count(String key) {
    Instant now = clock.instant();
    failures.compute(
        key,
        (k, old) -> {
          int count = old == null ? 1 : old.count() + 1;
          Instant until = Instant.MIN;
          if (count >= FREE_FAILURES) {
            int doublings = Math.min(count - FREE_FAILURES, 10);
            Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
            until = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
          }
          return new Failures(count, until, now);
        });
  }

  private void forgetOld() {
    Instant cutoff = clock.instant().minus(MAX_LOCK.multipliedBy(2));
    failures.values().removeIf(f -> f.last().isBefore(cutoff));
  }

  private Instant lockedUntil(String key) {
    Failures f = failures.get(key);
    return f == null ? Instant.MIN : f.lockedUntil();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String userKey(String username) {
    return "u:" + String.valueOf(username).toLowerCase(java.util.Locale.ROOT);
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }
}
