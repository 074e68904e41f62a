package io.fedgate.sip.jain;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decides whether a log line that a peer can cause at will (a malformed request, a refusal) is
 * written: the first one per key (peer and reason) in each interval, then nothing until the
 * interval has passed, when the next one is written with the count of those left out meanwhile. So
 * a peer sending thousands of bad requests a second costs the log one line a minute per reason,
 * while an operator still sees each new peer and reason at once.
 *
 * <p>Thread-safe without locks held across I/O (the caller logs after the decision). The keys kept
 * are bounded: past {@code maxKeys} the table is cleared, which at worst writes a line early.
 */
final class RepeatLogLimiter {
  private final long intervalNanos;
  private final int maxKeys;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  RepeatLogLimiter(Duration interval, int maxKeys, LongSupplier nanoTime) {
    this.intervalNanos = interval.toNanos();
    this.maxKeys = maxKeys;
    this.nanoTime = nanoTime;
  }

  /** One line per peer and reason a minute, at most 10,000 of those tracked. */
  static RepeatLogLimiter perMinute() {
    return new RepeatLogLimiter(Duration.ofMinutes(1), 10_000, System::nanoTime);
  }

  /**
   * Whether to log this occurrence of {@code key}.
   *
   * @return empty to stay silent; else the number of occurrences left out since the last line
   */
  OptionalLong admit(String key) {
    if (windows.size() >= maxKeys && !windows.containsKey(key)) {
      windows.clear();
    }
    long now = nanoTime.getAsLong();
    long[] suppressed = {-1};
    windows.compute(
        key,
        (k, window) -> {
          if (window == null || now - window.start >= intervalNanos) {
            suppressed[0] = window == null ? 0 : window.suppressed;
            return new Window(now);
          }
          window.suppressed++;
          return window;
        });
    return suppressed[0] < 0 ? OptionalLong.empty() : OptionalLong.of(suppressed[0]);
  }

  private static final class Window {
    final long start;
    long suppressed;

    Window(long start) {
      this.start = start;
    }
  }
}
