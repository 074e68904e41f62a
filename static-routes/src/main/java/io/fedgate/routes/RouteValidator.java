package io.fedgate.routes;

import io.fedgate.core.net.HostSyntax;
import io.fedgate.routes.RouteProblem.Code;
import io.fedgate.routes.pattern.DestinationPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validation of static routes with IM&amp;P's field rules. Reports every problem at once, as
 * values; never corrects anything.
 */
public final class RouteValidator {

  /** Longest destination pattern, description and next hop IM&amp;P accepts. */
  public static final int MAX_TEXT = 255;

  /** How many routes may share one identical destination pattern. */
  public static final int MAX_ROUTES_PER_PATTERN = 100;

  private static final int MAX_UNSIGNED_16 = 65535;

  private RouteValidator() {}

  /** Problems of one route on its own (empty when valid). */
  public static List<RouteProblem> validate(StaticRoute route) {
    List<RouteProblem> out = new ArrayList<>();
    checkPattern(route, out);
    checkText("description", route.description(), out);
    checkNextHop(route, out);
    if (route.routeType() == null) {
      out.add(new RouteProblem("routeType", Code.REQUIRED, "route type is required"));
    }
    if (route.protocol() == null) {
      out.add(new RouteProblem("protocol", Code.REQUIRED, "protocol type is required"));
    }
    checkRange("priority", route.priority(), 1, out);
    checkRange("weight", route.weight(), 1, out);
    return out;
  }

  /**
   * Problems of a whole route table: each route's own problems (field prefixed with {@code
   * routes[i].}), more than {@value #MAX_ROUTES_PER_PATTERN} routes on an identical pattern, and
   * more than one built-in route.
   */
  public static List<RouteProblem> validateTable(List<StaticRoute> routes) {
    List<RouteProblem> out = new ArrayList<>();
    Map<String, Integer> perPattern = new HashMap<>();
    int builtIns = 0;
    for (int i = 0; i < routes.size(); i++) {
      StaticRoute route = routes.get(i);
      int index = i;
      validate(route).forEach(p -> out.add(p.at(index)));
      int count = perPattern.merge(patternKey(route), 1, Integer::sum);
      if (count == MAX_ROUTES_PER_PATTERN + 1) {
        out.add(tooMany(route).at(i));
      }
      if (route.builtIn() && ++builtIns == 2) {
        out.add(
            new RouteProblem(
                    "builtIn", Code.DUPLICATE_BUILT_IN, "only one built-in route may exist")
                .at(i));
      }
    }
    return out;
  }

  private static RouteProblem tooMany(StaticRoute route) {
    return new RouteProblem(
        "destinationPattern",
        Code.TOO_MANY_ROUTES_FOR_PATTERN,
        "more than "
            + MAX_ROUTES_PER_PATTERN
            + " routes share the pattern '"
            + route.destinationPattern()
            + "'");
  }

  /** Identity of a pattern for the per-pattern limit: route type and (for domains) lower case. */
  static String patternKey(StaticRoute route) {
    String text = String.valueOf(route.destinationPattern());
    return route.routeType() == RouteType.DOMAIN
        ? "D:" + text.toLowerCase(Locale.ROOT)
        : "U:" + text;
  }

  private static void checkPattern(StaticRoute route, List<RouteProblem> out) {
    String pattern = route.destinationPattern();
    if (pattern == null || pattern.isEmpty()) {
      out.add(
          new RouteProblem("destinationPattern", Code.REQUIRED, "destination pattern is required"));
      return;
    }
    checkText("destinationPattern", pattern, out);
    for (String error : DestinationPattern.syntaxErrors(pattern)) {
      out.add(new RouteProblem("destinationPattern", Code.INVALID_PATTERN, "pattern " + error));
    }
    boolean builtInShape =
        StaticRoute.OPEN_FEDERATION_PATTERN.equals(pattern)
            && route.routeType() == RouteType.DOMAIN;
    if (route.builtIn() && !builtInShape) {
      out.add(
          new RouteProblem(
              "destinationPattern",
              Code.BUILT_IN_PATTERN,
              "the built-in route must be the domain route '.*'"));
    }
  }

  /** Whether the text is present and short enough (else adds the problem). */
  private static boolean checkText(String field, String value, List<RouteProblem> out) {
    if (value == null) {
      out.add(new RouteProblem(field, Code.REQUIRED, field + " must not be null (may be empty)"));
      return false;
    } else if (value.length() > MAX_TEXT) {
      out.add(
          new RouteProblem(
              field,
              Code.TOO_LONG,
              field + " has " + value.length() + " characters, at most " + MAX_TEXT));
      return false;
    }
    return true;
  }

  private static void checkNextHop(StaticRoute route, List<RouteProblem> out) {
    String hop = route.nextHop();
    checkRange("nextHopPort", route.nextHopPort(), 0, out);
    if (!checkText("nextHop", hop, out)) {
      return;
    }
    String host = HostSyntax.normalize(hop);
    if (host.isEmpty()) {
      if (!route.blocked()) {
        out.add(
            new RouteProblem(
                "nextHop", Code.REQUIRED, "a route that is not blocked needs a next hop"));
      }
      return;
    }
    if (!HostSyntax.isNextHop(host)) {
      out.add(
          new RouteProblem(
              "nextHop",
              Code.INVALID_HOST,
              "'" + hop + "' is not an FQDN, IP address or SRV name"));
    } else if (route.resolvesSrv() && HostSyntax.isIpLiteral(host)) {
      out.add(
          new RouteProblem(
              "nextHopPort",
              Code.SRV_NEEDS_NAME,
              "port 0 (resolve SRV) needs a DNS name, not an IP"));
    } else if (host.startsWith("_") && !route.resolvesSrv()) {
      out.add(
          new RouteProblem(
              "nextHopPort",
              Code.SRV_NAME_NEEDS_PORT_0,
              "next hop '" + hop + "' is an SRV name: set the port to 0"));
    }
  }

  private static void checkRange(String field, int value, int min, List<RouteProblem> out) {
    if (value < min || value > MAX_UNSIGNED_16) {
      out.add(
          new RouteProblem(
              field,
              Code.OUT_OF_RANGE,
              field + " is " + value + ", must be " + min + ".." + MAX_UNSIGNED_16));
    }
  }
}
