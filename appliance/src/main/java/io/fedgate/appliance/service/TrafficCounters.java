package io.fedgate.appliance.service;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts by key (a peer domain, a refusal reason) for the Dashboard, kept by a service across its
 * restarts. Counting takes no lock (a {@link LongAdder} per key; the map only locks a bin the first
 * time a key is seen), so it may run on event loops. The number of keys is bounded: once {@link
 * #MAX_KEYS} are known, further keys are counted under {@link #OTHER}, so peers that make up names
 * cannot grow the map.
 */
public final class TrafficCounters {
  public static final int MAX_KEYS = 500;
  public static final String OTHER = "(other)";

  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final LongAdder total = new LongAdder();

  public void increment(String key) {
    String name = key == null || key.isEmpty() ? "(none)" : key;
    LongAdder adder = counts.get(name);
    if (adder == null) {
      if (counts.size() >= MAX_KEYS) {
        name = OTHER;
      }
      adder = counts.computeIfAbsent(name, k -> new LongAdder());
    }
    adder.increment();
    total.increment();
  }

  public long total() {
    return total.sum();
  }

  /** Every key with its count, highest first. */
  public Map<String, Long> byKey() {
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /**
   * What a federation service counts: messages from and to each peer domain, and the refusals of
   * its admission checks by reason code.
   */
  public record Traffic(
      String protocol, TrafficCounters in, TrafficCounters out, TrafficCounters refusals) {
    public static Traffic of(String protocol) {
      return new Traffic(
          protocol, new TrafficCounters(), new TrafficCounters(), new TrafficCounters());
    }
  }

  /** A service that keeps {@link Traffic} counters. */
  public interface Source {
    Traffic traffic();
  }
}
