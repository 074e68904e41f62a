/**
 * Route selection over a snapshot of static routes, and its explanation.
 *
 * <p>Entry points: {@link io.fedgate.routes.select.RouteTable} (implemented by {@link
 * io.fedgate.routes.select.PatternRouteTable}) returns a {@link
 * io.fedgate.routes.select.RouteSelection} (routed with an ordered failover list of {@link
 * io.fedgate.routes.select.Candidate}s, blocked, or no route) or the full {@link
 * io.fedgate.routes.select.RouteExplanation}; {@link io.fedgate.routes.select.RoutingChain} chains
 * static routes and SRV look-ups for configured federated domains, including the AOL default
 * routing domain order. Randomness (weights) is injected; DNS is left to the caller, which gets
 * "resolve SRV" candidates.
 */
package io.fedgate.routes.select;
