package io.fedgate.routes.select;

import io.fedgate.routes.StaticRoute;

/**
 * One route as seen by the explainer.
 *
 * @param route the route
 * @param verdict taken or why skipped
 * @param position 1-based position in the candidate list, 0 when not a candidate
 * @param detail human-readable reason, for the CLI and admin pages
 */
public record ConsideredRoute(StaticRoute route, Verdict verdict, int position, String detail) {

  /** One line for an operator. */
  public String line() {
    String where = position > 0 ? "#" + position + " " : "";
    return where
        + verdict
        + "  "
        + route.routeType()
        + " "
        + route.destinationPattern()
        + " -> "
        + (route.nextHop().isEmpty() ? "(no next hop)" : route.hop())
        + " p="
        + route.priority()
        + " w="
        + route.weight()
        + ": "
        + detail;
  }
}
