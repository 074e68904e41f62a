package io.fedgate.routes.lint;

/**
 * One lint finding.
 *
 * @param routeIndex index of the route in the linted table, -1 for a single pattern
 * @param code stable code
 * @param severity how much it matters
 * @param pattern the pattern concerned
 * @param message what looks wrong
 * @param suggestion a pattern that probably was meant, or empty
 */
public record LintFinding(
    int routeIndex,
    Code code,
    Severity severity,
    String pattern,
    String message,
    String suggestion) {

  /** Stable lint codes. */
  public enum Code {
    /** A domain written forward ({@code example.com}, {@code .example.com.*}). */
    UNREVERSED_DOMAIN,
    /** A domain pattern starting with a literal other than '.', which can never match. */
    MISSING_LEADING_DOT,
    /** A domain pattern without a trailing {@code *}: it matches one host, not a domain. */
    MISSING_TRAILING_WILDCARD,
    /** {@code *} right after a label character: {@code .com.example*} also matches examplex.com. */
    NO_LABEL_BOUNDARY,
    /** A {@code *} inside a user (phone) pattern; IM&amp;P only allows it at the end. */
    USER_STAR_NOT_AT_END,
    /** Two routes with the same type, pattern, next hop, port and protocol. */
    DUPLICATE_ROUTE
  }

  /** How much a finding matters. */
  public enum Severity {
    /** The route can never do what it seems meant for. */
    ERROR,
    /** Probably a mistake. */
    WARNING,
    /** Worth knowing. */
    INFO
  }

  /** The same finding for a route of a table. */
  LintFinding at(int index) {
    return new LintFinding(index, code, severity, pattern, message, suggestion);
  }
}
