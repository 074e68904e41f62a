/**
 * IM&amp;P static routes as values: the {@link io.fedgate.routes.StaticRoute} record, its
 * validation ({@link io.fedgate.routes.RouteValidator}, problems as {@link
 * io.fedgate.routes.RouteProblem} values, never auto-corrected) and the destination addresses that
 * routes are selected for ({@link io.fedgate.routes.RouteAddress}).
 *
 * <p>Selection lives in {@code io.fedgate.routes.select}, pattern mechanics in {@code
 * io.fedgate.routes.pattern}, operator hints in {@code io.fedgate.routes.lint}. The module is pure:
 * no I/O, no DNS, no threads; randomness is injected.
 */
package io.fedgate.routes;
