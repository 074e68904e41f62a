package io.fedgate.routes.lint;

import io.fedgate.core.net.HostSyntax;
import io.fedgate.routes.RouteType;
import io.fedgate.routes.StaticRoute;
import io.fedgate.routes.lint.LintFinding.Code;
import io.fedgate.routes.lint.LintFinding.Severity;
import io.fedgate.routes.pattern.DestinationPattern;
import io.fedgate.routes.pattern.ReversedPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hints about destination patterns. Invalid patterns are left to {@link
 * io.fedgate.routes.RouteValidator}; lint only looks at valid ones.
 *
 * <p>"Unreversed" is a heuristic: the first label does not look like a top-level domain and the
 * last one does (a two-letter country code or a common generic TLD), as in {@code example.com} or
 * {@code .example.com.*}.
 */
public final class PatternLint {

  private static final Set<String> GENERIC_TLDS =
      Set.of(
          "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "io",
          "app", "dev", "cloud", "online", "site", "tech", "xyz", "mobi", "asia", "aero", "coop");

  private PatternLint() {}

  /** Findings for one pattern of the given route type. */
  public static List<LintFinding> lintPattern(String pattern, RouteType type) {
    List<LintFinding> out = new ArrayList<>();
    if (pattern == null || type == null || !DestinationPattern.syntaxErrors(pattern).isEmpty()) {
      return out;
    }
    DestinationPattern compiled = DestinationPattern.compile(pattern, type.syntax());
    if (type == RouteType.USER) {
      if (compiled.hasInnerStar()) {
        out.add(
            finding(
                Code.USER_STAR_NOT_AT_END,
                Severity.WARNING,
                pattern,
                "'*' is only allowed at the end of a user pattern",
                ""));
      }
      return out;
    }
    lintDomain(pattern, compiled, out);
    return out;
  }

  private static void lintDomain(
      String pattern, DestinationPattern compiled, List<LintFinding> out) {
    Optional<String> forward = unreversedDomain(pattern);
    if (forward.isPresent()) {
      out.add(
          finding(
              Code.UNREVERSED_DOMAIN,
              Severity.WARNING,
              pattern,
              "looks like the domain "
                  + forward.get()
                  + " written forward; domain patterns are reversed",
              ReversedPattern.forDomain(forward.get())));
      return;
    }
    char first = pattern.charAt(0);
    if (first != '.' && first != '*' && first != '\\') {
      out.add(
          finding(
              Code.MISSING_LEADING_DOT,
              Severity.ERROR,
              pattern,
              "reversed hosts start with '.', so this pattern never matches",
              "." + pattern));
    }
    lintEnd(pattern, compiled, out);
  }

  private static void lintEnd(String pattern, DestinationPattern compiled, List<LintFinding> out) {
    if (!compiled.endsWithWildcard()) {
      String domain = ReversedPattern.forwardName(pattern).orElse("this host");
      out.add(
          finding(
              Code.MISSING_TRAILING_WILDCARD,
              Severity.WARNING,
              pattern,
              "matches only " + domain + " itself, not a domain and its subdomains",
              pattern + ".*"));
    } else if (pattern.length() > 1
        && !pattern.endsWith(".*")
        && isLabelChar(beforeLast(pattern))) {
      String fixed = pattern.substring(0, pattern.length() - 1) + ".*";
      out.add(
          finding(
              Code.NO_LABEL_BOUNDARY,
              Severity.WARNING,
              pattern,
              "'*' continues the last label, so longer names also match",
              fixed));
    }
  }

  private static char beforeLast(String pattern) {
    return pattern.charAt(pattern.length() - 2);
  }

  private static boolean isLabelChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-';
  }

  /** The forward domain a pattern seems to spell, if it looks unreversed. */
  static Optional<String> unreversedDomain(String pattern) {
    String body = pattern.toLowerCase(Locale.ROOT);
    body = body.endsWith(".*") ? body.substring(0, body.length() - 2) : body;
    body = body.startsWith(".") ? body.substring(1) : body;
    if (body.contains("*") || body.contains("\\") || !HostSyntax.isDnsName(body)) {
      return Optional.empty();
    }
    String[] labels = body.split("\\.");
    boolean looksForward =
        labels.length >= 2 && !isTldLike(labels[0]) && isTldLike(labels[labels.length - 1]);
    return looksForward ? Optional.of(body) : Optional.empty();
  }

  private static boolean isTldLike(String label) {
    boolean countryCode =
        label.length() == 2
            && Character.isLetter(label.charAt(0))
            && Character.isLetter(label.charAt(1));
    return countryCode || GENERIC_TLDS.contains(label);
  }

  /** Findings for every route of a table (with its index) and duplicate routes. */
  public static List<LintFinding> lintTable(List<StaticRoute> routes) {
    List<LintFinding> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < routes.size(); i++) {
      StaticRoute r = routes.get(i);
      int index = i;
      lintPattern(r.destinationPattern(), r.routeType()).forEach(f -> out.add(f.at(index)));
      Integer earlier = seen.putIfAbsent(duplicateKey(r), i);
      if (earlier != null) {
        out.add(
            finding(
                    Code.DUPLICATE_ROUTE,
                    Severity.WARNING,
                    r.destinationPattern(),
                    "same pattern, next hop, port and protocol as route " + earlier,
                    "")
                .at(i));
      }
    }
    return out;
  }

  private static String duplicateKey(StaticRoute r) {
    String pattern = String.valueOf(r.destinationPattern());
    if (r.routeType() == RouteType.DOMAIN) {
      pattern = pattern.toLowerCase(Locale.ROOT);
    }
    String hop = r.nextHop() == null ? "" : HostSyntax.normalize(r.nextHop());
    return r.routeType() + "|" + pattern + "|" + hop + "|" + r.nextHopPort() + "|" + r.protocol();
  }

  private static LintFinding finding(
      Code code, Severity severity, String pattern, String message, String suggestion) {
    return new LintFinding(-1, code, severity, pattern, message, suggestion);
  }
}
