package io.fedgate.routes.select;

import io.fedgate.routes.NextHop;
import io.fedgate.routes.RouteType;
import io.fedgate.routes.StaticRoute;
import io.fedgate.routes.Transport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A compact notation for route tables in tests: {@code "D .com.example.* a p=2 w=5 off blocked nols
 * port=0"} is a domain route (U for user) to next hop {@code a.test}, priority 2, weight 5, out of
 * service, blocked, not allowing less specific, port 0. {@code open} adds the built-in route.
 * Routes are separated by {@code ;}.
 */
final class RouteSpec {

  private RouteSpec() {}

  static List<StaticRoute> routes(String spec) {
    List<StaticRoute> out = new ArrayList<>();
    for (String part : spec.split(";")) {
      if (!part.isBlank()) {
        out.add(route(part.trim()));
      }
    }
    return out;
  }

  static StaticRoute route(String spec) {
    String[] t = spec.split("\\s+");
    if (t[0].equals("open")) {
      StaticRoute.Builder b = StaticRoute.openFederation().toBuilder();
      if (t.length > 1) {
        b.nextHop(t[1] + ".test").blocked(false);
      }
      return b.build();
    }
    StaticRoute.Builder b =
        StaticRoute.builder(t[1])
            .routeType(t[0].equals("D") ? RouteType.DOMAIN : RouteType.USER)
            .protocol(Transport.TLS)
            .nextHop(t[2] + ".test", 5061);
    for (String flag : Arrays.asList(t).subList(3, t.length)) {
      apply(b, flag);
    }
    return b.build();
  }

  private static void apply(StaticRoute.Builder b, String flag) {
    String[] kv = flag.split("=");
    switch (kv[0]) {
      case "p" -> b.priority(Integer.parseInt(kv[1]));
      case "w" -> b.weight(Integer.parseInt(kv[1]));
      case "port" -> b.nextHopPort(Integer.parseInt(kv[1]));
      case "off" -> b.inService(false);
      case "blocked" -> b.blocked(true);
      case "nols" -> b.allowLessSpecific(false);
      default -> throw new IllegalArgumentException(flag);
    }
  }

  /** Next hops of the named routes ("a b" -> a.test, b.test). */
  static Set<NextHop> failed(List<StaticRoute> routes, String names) {
    if (names == null || names.isBlank()) {
      return Set.of();
    }
    Set<String> hosts =
        Arrays.stream(names.trim().split("\\s+")).map(n -> n + ".test").collect(Collectors.toSet());
    return routes.stream()
        .map(StaticRoute::hop)
        .filter(h -> hosts.contains(h.host()))
        .collect(Collectors.toSet());
  }

  /** "routed a b", "blocked a", "none REASON"; SRV candidates as srv:name. */
  static String describe(RouteSelection selection) {
    if (selection instanceof RouteSelection.Routed r) {
      return "routed "
          + r.candidates().stream().map(RouteSpec::name).collect(Collectors.joining(" "));
    }
    if (selection instanceof RouteSelection.Blocked b) {
      return "blocked " + label(b.route());
    }
    return "none " + ((RouteSelection.NoRoute) selection).reason();
  }

  private static String name(Candidate c) {
    if (c instanceof Candidate.Direct d) {
      return label(d.route());
    }
    if (c instanceof Candidate.RouteSrv s) {
      return "srv:" + s.srvName();
    }
    return "srv:" + ((Candidate.DomainSrv) c).srvName();
  }

  private static String label(StaticRoute r) {
    return r.builtIn() && r.nextHop().isEmpty() ? "open" : r.hop().host().replace(".test", "");
  }
}
