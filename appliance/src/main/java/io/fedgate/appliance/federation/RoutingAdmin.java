package io.fedgate.appliance.federation;

import io.fedgate.appliance.config.ConfigChanges;
import io.fedgate.appliance.config.ConfigChanges.Change;
import io.fedgate.appliance.config.ConfigObject;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.store.AuditEntry.ChangeKind;
import io.fedgate.appliance.store.JdbcStaticRoutes;
import io.fedgate.appliance.store.JdbcStaticRoutes.Stored;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.routes.RouteAddress;
import io.fedgate.routes.RouteProblem;
import io.fedgate.routes.RouteValidator;
import io.fedgate.routes.StaticRoute;
import io.fedgate.routes.lint.LintFinding;
import io.fedgate.routes.lint.PatternLint;
import io.fedgate.routes.select.PatternRouteTable;
import io.fedgate.routes.select.RouteExplanation;
import io.fedgate.routes.select.RouteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Static routes as the operator edits them: validated as a whole table (every problem at once),
 * audited, and swapped into the route table the SIP gateway reads, live.
 */
public final class RoutingAdmin {

  /** A saved route with the lint findings of its pattern (advice, not errors). */
  public record Saved(Stored stored, List<LintFinding> lint) {}

  private final ConfigChanges changes;
  private final JdbcStaticRoutes store;
  private final RandomGenerator random;
  private final AtomicReference<PatternRouteTable> table = new AtomicReference<>();
  private volatile java.util.function.Function<String, List<String>> nextHopHealth =
      domain -> List.of();

  public RoutingAdmin(ConfigChanges changes, JdbcStaticRoutes store, RandomGenerator random) {
    this.changes = changes;
    this.store = store;
    this.random = random;
    reload();
  }

  /** The current route table (an immutable snapshot). */
  public PatternRouteTable table() {
    return table.get();
  }

  public List<Stored> list() {
    return changes.read(store::list);
  }

  public ConfigResult<Saved> add(String actor, StaticRoute route) {
    if (route.builtIn()) {
      return ConfigResult.refused("builtIn", "the built-in open-federation route already exists");
    }
    List<StaticRoute> next = new ArrayList<>(routes(list()));
    next.add(route);
    List<ConfigProblem> problems = problems(route, next);
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    ConfigResult<Saved> result =
        changes.apply(
            c -> new Saved(store.insert(c, route), lint(route)),
            saved ->
                new Change(
                    actor,
                    ConfigObject.STATIC_ROUTES,
                    Long.toString(saved.stored().id()),
                    ChangeKind.CREATE,
                    null,
                    route));
    reload();
    return result;
  }

  /** Replaces a route's fields; the built-in route may be edited but stays built in. */
  public ConfigResult<Saved> update(String actor, long id, StaticRoute route) {
    List<Stored> current = list();
    Optional<Stored> existing = current.stream().filter(s -> s.id() == id).findFirst();
    if (existing.isEmpty()) {
      return ConfigResult.refused("id", "no static route with id " + id);
    }
    StaticRoute updated = route.toBuilder().builtIn(existing.get().route().builtIn()).build();
    List<StaticRoute> next = current.stream().map(s -> s.id() == id ? updated : s.route()).toList();
    List<ConfigProblem> problems = problems(updated, next);
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    ConfigResult<Saved> result =
        changes.apply(
            new Change(
                actor,
                ConfigObject.STATIC_ROUTES,
                Long.toString(id),
                ChangeKind.UPDATE,
                existing.get().route(),
                updated),
            c -> {
              store.update(c, id, updated);
              return new Saved(new Stored(id, updated), lint(updated));
            });
    reload();
    return result;
  }

  public ConfigResult<Stored> remove(String actor, long id) {
    Optional<Stored> existing = changes.read(c -> store.find(c, id));
    if (existing.isEmpty()) {
      return ConfigResult.refused("id", "no static route with id " + id);
    }
    if (existing.get().route().builtIn()) {
      return ConfigResult.refused(
          "id", "the built-in open-federation route cannot be removed; block it instead");
    }
    ConfigResult<Stored> result =
        changes.apply(
            new Change(
                actor,
                ConfigObject.STATIC_ROUTES,
                Long.toString(id),
                ChangeKind.DELETE,
                existing.get().route(),
                null),
            c -> {
              store.delete(c, id);
              return existing.get();
            });
    reload();
    return result;
  }

  /**
   * Lets the SIP Proxy show the health of a domain's next hops (lines for the route explainer);
   * {@code null} detaches it.
   */
  public void attachNextHopHealth(java.util.function.Function<String, List<String>> report) {
    nextHopHealth = report == null ? domain -> List.of() : report;
  }

  /**
   * The health of the next hops of the address's domain, one line per hop, as the running SIP Proxy
   * knows it (empty when it does not run or the address does not parse).
   */
  public List<String> nextHopHealth(String address) {
    return RouteAddress.parse(address).map(a -> nextHopHealth.apply(a.host())).orElse(List.of());
  }

  /** Why each route was taken or skipped for {@code address}, or a problem if it cannot parse. */
  public ConfigResult<RouteExplanation> explain(String address) {
    Optional<RouteAddress> parsed = RouteAddress.parse(address);
    if (parsed.isEmpty()) {
      return ConfigResult.refused(
          "address", "'" + address + "' is not a SIP URI, XMPP address or domain");
    }
    return new ConfigResult.Done<>(
        table().explain(RouteRequest.of(parsed.get())), java.util.Set.of(), java.util.Set.of());
  }

  private static List<ConfigProblem> problems(StaticRoute route, List<StaticRoute> table) {
    List<ConfigProblem> problems = new ArrayList<>();
    RouteValidator.validate(route).stream()
        .map(RouteProblem::toConfigProblem)
        .forEach(problems::add);
    if (problems.isEmpty()) {
      RouteValidator.validateTable(table).stream()
          .map(RouteProblem::toConfigProblem)
          .forEach(problems::add);
    }
    return problems;
  }

  private static List<LintFinding> lint(StaticRoute route) {
    return PatternLint.lintPattern(route.destinationPattern(), route.routeType());
  }

  private static List<StaticRoute> routes(List<Stored> stored) {
    return stored.stream().map(Stored::route).toList();
  }

  private void reload() {
    table.set(new PatternRouteTable(routes(list()), random));
  }
}
