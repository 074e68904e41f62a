package io.fedgate.xmpp.sasl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Failure throttling for SASL: after {@code maxFailures} failed attempts within {@code window},
 * from one IP address or against one account, further attempts are refused with {@code
 * temporary-auth-failure} until the oldest failure leaves the window. Time comes from the injected
 * clock. Thread-safe (one instance per listener, shared by its event loops).
 */
public final class AuthThrottle {
  private final Clock clock;
  private final int maxFailures;
  private final Duration window;
  private final int maxKeys;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  /**
   * @param maxKeys at most this many addresses and accounts are remembered; when full, the table is
   *     cleared rather than grown (a flood of distinct keys must not exhaust memory)
   */
  public AuthThrottle(Clock clock, int maxFailures, Duration window, int maxKeys) {
    if (maxFailures < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
      throw new IllegalArgumentException("maxFailures, window and maxKeys must be positive");
    }
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.window = window;
    this.maxKeys = maxKeys;
  }

  /** 5 failures per 5 minutes, 100,000 keys. */
  public static AuthThrottle defaults(Clock clock) {
    return new AuthThrottle(clock, 5, Duration.ofMinutes(5), 100_000);
  }

  /** Whether an attempt from this address for this account may proceed now. */
  public synchronized boolean allows(String address, String account) {
    return recent("ip:" + address) < maxFailures && recent("user:" + account) < maxFailures;
  }

  /** Records a failed attempt against both the address and the account. */
  public synchronized void failed(String address, String account) {
    if (failures.size() >= maxKeys) {
      failures.clear();
    }
    Instant now = clock.instant();
    failures.computeIfAbsent("ip:" + address, k -> new ArrayDeque<>()).addLast(now);
    failures.computeIfAbsent("user:" + account, k -> new ArrayDeque<>()).addLast(now);
  }

  private int recent(String key) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    Instant cutoff = clock.instant().minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
    if (times.isEmpty()) {
      failures.remove(key);
      return 0;
    }
    return times.size();
  }
}
