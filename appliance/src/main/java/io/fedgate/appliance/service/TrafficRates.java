package io.fedgate.appliance.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message rates from periodic samples of monotonically growing totals: the rate of each total over
 * the samples of the last {@link #WINDOW}. Sampling and reading happen off the message path (a
 * scheduler and the Dashboard), so a plain lock is fine here.
 */
public final class TrafficRates {
  public static final Duration WINDOW = Duration.ofSeconds(60);

  private record Sample(Instant at, Map<String, Long> totals) {}

  private final Deque<Sample> samples = new ArrayDeque<>();

  /** Records the totals at {@code now} and forgets samples older than the window. */
  public synchronized void sample(Instant now, Map<String, Long> totals) {
    samples.addLast(new Sample(now, Map.copyOf(totals)));
    while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(WINDOW))) {
      samples.removeFirst();
    }
  }

  /**
   * Messages per minute of each total between the oldest and the newest sample of the window; empty
   * until two samples were taken.
   */
  public synchronized Map<String, Double> perMinute() {
    Map<String, Double> rates = new LinkedHashMap<>();
    if (samples.size() < 2) {
      return rates;
    }
    Sample first = samples.peekFirst();
    Sample last = samples.peekLast();
    double minutes = Duration.between(first.at(), last.at()).toMillis() / 60_000.0;
    if (minutes <= 0) {
      return rates;
    }
    last.totals()
        .forEach(
            (key, value) ->
                rates.put(key, (value - first.totals().getOrDefault(key, 0L)) / minutes));
    return rates;
  }

  /** The span the rates cover, zero until two samples were taken. */
  public synchronized Duration span() {
    if (samples.size() < 2) {
      return Duration.ZERO;
    }
    return Duration.between(samples.peekFirst().at(), samples.peekLast().at());
  }
}
