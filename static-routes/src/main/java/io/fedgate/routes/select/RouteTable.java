package io.fedgate.routes.select;

import io.fedgate.routes.StaticRoute;
import java.util.List;

/**
 * An immutable snapshot of the static routes that selects where to send a request.
 *
 * <p>Order of the search: the most specific matching pattern first (see {@link
 * io.fedgate.routes.pattern.Specificity}); within a tier of equal specificity, lower priority
 * numbers first and a weighted random order among equal priorities (RFC 2782); routes out of
 * service or whose next hop is failed are skipped; less specific tiers follow as further candidates
 * unless an in-service route of a more specific tier disallows less specific routes; an in-service
 * blocked route stops the search.
 */
public interface RouteTable {

  /** Where to send a request. */
  default RouteSelection select(RouteRequest request) {
    return explain(request).selection();
  }

  /** The selection together with the verdict on every route. */
  RouteExplanation explain(RouteRequest request);

  /** The routes of this snapshot, in the order given. */
  List<StaticRoute> routes();
}
