package io.fedgate.routes.select;

import io.fedgate.routes.StaticRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * RFC 2782 ordering of routes: ascending priority; within one priority, repeatedly draw a route
 * with probability proportional to its weight among those not yet drawn. Weights are at least 1
 * here, so a weight of 20 against 10 comes first two times out of three.
 */
final class WeightedOrder {

  private WeightedOrder() {}

  static List<StaticRoute> order(List<StaticRoute> routes, RandomGenerator random) {
    List<StaticRoute> sorted = new ArrayList<>(routes);
    sorted.sort(Comparator.comparingInt(StaticRoute::priority));
    List<StaticRoute> out = new ArrayList<>(sorted.size());
    int start = 0;
    while (start < sorted.size()) {
      int end = start;
      while (end < sorted.size() && sorted.get(end).priority() == sorted.get(start).priority()) {
        end++;
      }
      drawAll(new ArrayList<>(sorted.subList(start, end)), random, out);
      start = end;
    }
    return out;
  }

  private static void drawAll(
      List<StaticRoute> group, RandomGenerator random, List<StaticRoute> out) {
    while (!group.isEmpty()) {
      long total = 0;
      for (StaticRoute r : group) {
        total += r.weight();
      }
      long draw = group.size() == 1 ? 0 : random.nextLong(total);
      long running = 0;
      for (int i = 0; i < group.size(); i++) {
        running += group.get(i).weight();
        if (running > draw) {
          out.add(group.remove(i));
          break;
        }
      }
    }
  }
}
