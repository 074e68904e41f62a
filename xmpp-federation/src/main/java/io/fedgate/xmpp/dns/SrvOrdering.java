package io.fedgate.xmpp.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * RFC 2782 "Usage rules": ascending priority; within a priority, a weighted random order (targets
 * of weight 0 first in the list so they keep a small chance, then repeated draws with probability
 * proportional to weight). The records of {@code _xmpps-server} and {@code _xmpp-server} are merged
 * before ordering (XEP-0368 §3).
 */
public final class SrvOrdering {
  private SrvOrdering() {}

  public static List<SrvTarget> order(List<SrvTarget> records, RandomGenerator random) {
    Map<Integer, List<SrvTarget>> byPriority = new TreeMap<>();
    for (SrvTarget target : records) {
      byPriority.computeIfAbsent(target.priority(), p -> new ArrayList<>()).add(target);
    }
    List<SrvTarget> ordered = new ArrayList<>();
    for (List<SrvTarget> group : byPriority.values()) {
      List<SrvTarget> remaining = new ArrayList<>(group);
      remaining.sort(Comparator.comparingInt(t -> t.weight() == 0 ? 0 : 1));
      while (!remaining.isEmpty()) {
        int total = remaining.stream().mapToInt(SrvTarget::weight).sum();
        int pick = total == 0 ? 0 : random.nextInt(total + 1);
        int running = 0;
        for (int i = 0; i < remaining.size(); i++) {
          running += remaining.get(i).weight();
          if (running >= pick) {
            ordered.add(remaining.remove(i));
            break;
          }
        }
      }
    }
    return List.copyOf(ordered);
  }
}
