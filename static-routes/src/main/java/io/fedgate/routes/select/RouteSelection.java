package io.fedgate.routes.select;

import io.fedgate.routes.StaticRoute;
import java.util.List;

/** Outcome of route selection. */
public sealed interface RouteSelection {

  /**
   * Where to send, in failover order: try the first, on failure the next, and so on.
   *
   * @param candidates never empty
   */
  record Routed(List<Candidate> candidates) implements RouteSelection {
    public Routed {
      candidates = List.copyOf(candidates);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("a routed selection needs a candidate");
      }
    }

    /** The first choice. */
    public Candidate first() {
      return candidates.get(0);
    }
  }

  /** A blocked route matched before any usable one: refuse the request. */
  record Blocked(StaticRoute route) implements RouteSelection {}

  /** Nothing to send to. */
  record NoRoute(Reason reason) implements RouteSelection {}

  /** Why there is no route. */
  enum Reason {
    /** No in-service route matches the address. */
    NO_MATCHING_ROUTE,
    /** Matching routes exist, but every one is marked failed (and fallback ended). */
    ALL_MATCHING_ROUTES_FAILED
  }
}
