package io.fedgate.routes.select;

import io.fedgate.routes.NextHop;
import io.fedgate.routes.RouteAddress;
import java.util.Set;

/**
 * What to select a route for.
 *
 * @param address destination
 * @param failedHops next hops the caller has seen fail; routes using them are skipped
 * @param includeBuiltIn whether the built-in {@code .*} open-federation route takes part; false for
 *     configured federated domains, whose fallback is their own SRV record (see {@link
 *     RoutingChain})
 */
public record RouteRequest(RouteAddress address, Set<NextHop> failedHops, boolean includeBuiltIn) {

  public RouteRequest {
    failedHops = Set.copyOf(failedHops);
  }

  /** A request with no failed hops, including the built-in route. */
  public static RouteRequest of(RouteAddress address) {
    return new RouteRequest(address, Set.of(), true);
  }

  /** The same request with these failed hops. */
  public RouteRequest withFailed(Set<NextHop> failed) {
    return new RouteRequest(address, failed, includeBuiltIn);
  }

  /** The same request without the built-in route. */
  public RouteRequest withoutBuiltIn() {
    return new RouteRequest(address, failedHops, false);
  }
}
