package io.fedgate.routes.select;

import io.fedgate.routes.RouteAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Every route considered for an address, in search order (most specific tier first; candidates in
 * failover order, then the routes skipped in that tier; routes that do not match last), and the
 * resulting selection.
 *
 * @param address the destination
 * @param considered one entry per route in the table
 * @param selection the outcome, identical to {@link RouteTable#select}'s for the same draw
 */
public record RouteExplanation(
    RouteAddress address, List<ConsideredRoute> considered, RouteSelection selection) {

  public RouteExplanation {
    considered = List.copyOf(considered);
  }

  /** The entries that became candidates, in failover order. */
  public List<ConsideredRoute> candidates() {
    return considered.stream().filter(c -> c.verdict().isCandidate()).toList();
  }

  /** The entries with the given verdict. */
  public List<ConsideredRoute> withVerdict(Verdict verdict) {
    return considered.stream().filter(c -> c.verdict() == verdict).toList();
  }

  /** Text for {@code fedgate routes explain}. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(
        "destination "
            + address
            + " (user '"
            + address.user()
            + "', reversed host '"
            + address.reversedHost()
            + "')");
    considered.forEach(c -> out.add("  " + c.line()));
    out.add("result: " + summary(selection));
    return out;
  }

  /** One-line summary of a selection. */
  public static String summary(RouteSelection selection) {
    if (selection instanceof RouteSelection.Routed r) {
      int more = r.candidates().size() - 1;
      return "routed, first "
          + r.first().describe()
          + (more > 0 ? " (+" + more + " failover)" : "");
    }
    if (selection instanceof RouteSelection.Blocked b) {
      return "blocked by route " + b.route().destinationPattern();
    }
    return "no route (" + ((RouteSelection.NoRoute) selection).reason() + ")";
  }
}
