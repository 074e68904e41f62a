package io.fedgate.routes;

import io.fedgate.core.config.ConfigProblem;

/**
 * One validation problem of a static route or of a route table. Validation reports every problem at
 * once and never corrects anything.
 *
 * @param field the offending field, prefixed with {@code routes[i].} for table-level checks
 * @param code stable code for tools and translations
 * @param message what is wrong, for an operator
 */
public record RouteProblem(String field, Code code, String message) {

  /** Stable problem codes. */
  public enum Code {
    REQUIRED,
    TOO_LONG,
    OUT_OF_RANGE,
    INVALID_PATTERN,
    INVALID_HOST,
    SRV_NEEDS_NAME,
    SRV_NAME_NEEDS_PORT_0,
    TOO_MANY_ROUTES_FOR_PATTERN,
    BUILT_IN_PATTERN,
    DUPLICATE_BUILT_IN
  }

  /** As the neutral {@link ConfigProblem} that the appliance aggregates (the code is dropped). */
  public ConfigProblem toConfigProblem() {
    return new ConfigProblem(field, message);
  }

  /** The same problem reported for the route at {@code index} of a table. */
  public RouteProblem at(int index) {
    return new RouteProblem("routes[" + index + "]." + field, code, message);
  }
}
