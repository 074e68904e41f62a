package io.fedgate.routes.select;

import io.fedgate.routes.RouteProblem;
import io.fedgate.routes.RouteValidator;
import io.fedgate.routes.StaticRoute;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * {@link RouteTable} over IM&amp;P destination patterns; see {@link RouteTable} for the order of
 * the search and {@link io.fedgate.routes.pattern.Specificity} for "most specific".
 *
 * <p>Immutable once built. Thread safety is that of the injected {@link RandomGenerator}: pass a
 * seeded generator in tests, and in production one that is safe for the calling threads (for
 * example one that delegates to {@code ThreadLocalRandom.current()} on each call).
 */
public final class PatternRouteTable implements RouteTable {

  private final List<StaticRoute> routes;
  private final List<CompiledRoute> compiled;
  private final RandomGenerator random;

  /**
   * Builds a table from routes that passed {@link RouteValidator#validateTable}.
   *
   * @throws IllegalArgumentException listing the problems, if the routes are not valid (validate
   *     first to show the problems to the operator)
   */
  public PatternRouteTable(List<StaticRoute> routes, RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    this.routes = List.copyOf(routes);
    List<RouteProblem> problems = RouteValidator.validateTable(this.routes);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid route table: " + problems);
    }
    this.compiled = this.routes.stream().map(CompiledRoute::of).toList();
  }

  @Override
  public RouteExplanation explain(RouteRequest request) {
    return new SelectionWalk(request, random).run(compiled);
  }

  @Override
  public List<StaticRoute> routes() {
    return routes;
  }
}
