package io.fedgate.routes.select;

import io.fedgate.routes.RouteAddress;
import io.fedgate.routes.RouteType;
import io.fedgate.routes.StaticRoute;
import io.fedgate.routes.pattern.DestinationPattern;

/** A route with its pattern compiled for its route type. */
record CompiledRoute(StaticRoute route, DestinationPattern pattern) {

  static CompiledRoute of(StaticRoute route) {
    return new CompiledRoute(
        route, DestinationPattern.compile(route.destinationPattern(), route.routeType().syntax()));
  }

  /** Domain routes match the reversed host; user routes the user part (when there is one). */
  boolean matches(RouteAddress address) {
    return route.routeType() == RouteType.DOMAIN
        ? pattern.matches(address.reversedHost())
        : address.hasUser() && pattern.matches(address.user());
  }

  /** Why the pattern does not match, for the explainer. */
  String mismatch(RouteAddress address) {
    if (route.routeType() == RouteType.DOMAIN) {
      return "pattern does not match reversed host '" + address.reversedHost() + "'";
    }
    return address.hasUser()
        ? "pattern does not match user part '" + address.user() + "'"
        : "user route, but the address has no user part";
  }
}
