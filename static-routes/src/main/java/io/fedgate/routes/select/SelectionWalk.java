package io.fedgate.routes.select;

import io.fedgate.routes.StaticRoute;
import io.fedgate.routes.pattern.Specificity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/** One run of the search over a table; single use, not thread-safe. */
final class SelectionWalk {

  private final RouteRequest request;
  private final RandomGenerator random;
  private final List<ConsideredRoute> considered = new ArrayList<>();
  private final List<Candidate> candidates = new ArrayList<>();
  private StaticRoute blockedBy;
  private StaticRoute noFallbackBy;
  private Specificity firstCandidateTier;
  private int firstPriority;
  private boolean sawFailed;

  SelectionWalk(RouteRequest request, RandomGenerator random) {
    this.request = request;
    this.random = random;
  }

  RouteExplanation run(List<CompiledRoute> routes) {
    List<ConsideredRoute> notMatching = new ArrayList<>();
    TreeMap<Specificity, List<StaticRoute>> tiers = new TreeMap<>(Specificity.MOST_SPECIFIC_FIRST);
    for (CompiledRoute c : routes) {
      if (c.route().builtIn() && !request.includeBuiltIn()) {
        notMatching.add(
            skipped(c.route(), Verdict.BUILT_IN_EXCLUDED, "open federation does not apply here"));
      } else if (!c.matches(request.address())) {
        notMatching.add(skipped(c.route(), Verdict.NOT_MATCHING, c.mismatch(request.address())));
      } else {
        tiers.computeIfAbsent(c.pattern().specificity(), k -> new ArrayList<>()).add(c.route());
      }
    }
    tiers.forEach(this::visitTier);
    considered.addAll(notMatching);
    return new RouteExplanation(request.address(), considered, outcome());
  }

  private RouteSelection outcome() {
    if (!candidates.isEmpty()) {
      return new RouteSelection.Routed(candidates);
    }
    if (blockedBy != null) {
      return new RouteSelection.Blocked(blockedBy);
    }
    return new RouteSelection.NoRoute(
        sawFailed
            ? RouteSelection.Reason.ALL_MATCHING_ROUTES_FAILED
            : RouteSelection.Reason.NO_MATCHING_ROUTE);
  }

  private void visitTier(Specificity specificity, List<StaticRoute> tier) {
    if (blockedBy != null) {
      String why = "search stopped by blocked route " + blockedBy.destinationPattern();
      tier.forEach(r -> considered.add(skipped(r, Verdict.STOPPED_BY_BLOCK, why)));
      return;
    }
    if (noFallbackBy != null) {
      String why =
          "more specific route "
              + noFallbackBy.destinationPattern()
              + " does not allow less specific routes";
      tier.forEach(r -> considered.add(skipped(r, Verdict.LESS_SPECIFIC_NOT_ALLOWED, why)));
      return;
    }
    StaticRoute block =
        tier.stream().filter(r -> r.inService() && r.blocked()).findFirst().orElse(null);
    if (block != null) {
      visitBlockedTier(block, tier);
      return;
    }
    visitOpenTier(specificity, tier);
  }

  private void visitBlockedTier(StaticRoute block, List<StaticRoute> tier) {
    blockedBy = block;
    for (StaticRoute r : tier) {
      if (!r.inService()) {
        considered.add(skipped(r, Verdict.OUT_OF_SERVICE, "route is out of service"));
      } else if (r.blocked()) {
        considered.add(
            skipped(r, Verdict.BLOCKED, "route is blocked: matching requests are refused"));
      } else {
        considered.add(
            skipped(r, Verdict.STOPPED_BY_BLOCK, "a blocked route of equal specificity matches"));
      }
    }
  }

  private void visitOpenTier(Specificity specificity, List<StaticRoute> tier) {
    List<StaticRoute> usable = new ArrayList<>();
    List<ConsideredRoute> skippedHere = new ArrayList<>();
    for (StaticRoute r : tier) {
      if (!r.inService()) {
        skippedHere.add(skipped(r, Verdict.OUT_OF_SERVICE, "route is out of service"));
      } else if (request.failedHops().contains(r.hop())) {
        sawFailed = true;
        skippedHere.add(skipped(r, Verdict.FAILED, "next hop " + r.hop() + " is marked failed"));
      } else {
        usable.add(r);
      }
      if (r.inService() && !r.allowLessSpecific() && noFallbackBy == null) {
        noFallbackBy = r;
      }
    }
    Map<Integer, Long> weightPerPriority = new HashMap<>();
    usable.forEach(r -> weightPerPriority.merge(r.priority(), (long) r.weight(), Long::sum));
    for (StaticRoute r : WeightedOrder.order(usable, random)) {
      take(specificity, r, weightPerPriority.get(r.priority()));
    }
    considered.addAll(skippedHere);
  }

  private void take(Specificity specificity, StaticRoute r, long priorityWeight) {
    candidates.add(Candidate.of(r));
    int position = candidates.size();
    String share = "priority " + r.priority() + ", weight " + r.weight() + " of " + priorityWeight;
    Verdict verdict;
    String detail;
    if (position == 1) {
      firstCandidateTier = specificity;
      firstPriority = r.priority();
      verdict = Verdict.SELECTED;
      detail = "most specific usable match (" + specificity + "), " + share;
    } else if (!specificity.equals(firstCandidateTier)) {
      verdict = Verdict.LESS_SPECIFIC_FALLBACK;
      detail = "less specific pattern, after the more specific routes; " + share;
    } else if (r.priority() == firstPriority) {
      verdict = Verdict.EQUAL_PRIORITY_ALTERNATIVE;
      detail = "same priority, later in the weighted draw; " + share;
    } else {
      verdict = Verdict.LOWER_PRIORITY_BACKUP;
      detail = "backup: used after the priority " + firstPriority + " routes; " + share;
    }
    considered.add(new ConsideredRoute(r, verdict, position, detail));
  }

  private static ConsideredRoute skipped(StaticRoute r, Verdict verdict, String detail) {
    return new ConsideredRoute(r, verdict, 0, detail);
  }
}
