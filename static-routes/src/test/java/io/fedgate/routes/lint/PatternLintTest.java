package io.fedgate.routes.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.routes.RouteType;
import io.fedgate.routes.StaticRoute;
import io.fedgate.routes.Transport;
import io.fedgate.routes.lint.LintFinding.Code;
import io.fedgate.routes.lint.LintFinding.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternLintTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # type | pattern            | codes (space separated, '-' for none) | suggestion of the first
          DOMAIN | .com.example.*     | -                                     | ''
          DOMAIN | .*                 | -                                     | ''
          DOMAIN | *                  | -                                     | ''
          DOMAIN | .uk.co.example.*   | -                                     | ''
          DOMAIN | .com.*.sip.*       | -                                     | ''
          DOMAIN | example.com        | UNREVERSED_DOMAIN                     | .com.example.*
          DOMAIN | .example.com.*     | UNREVERSED_DOMAIN                     | .com.example.*
          DOMAIN | .example.co.uk.*   | UNREVERSED_DOMAIN                     | .uk.co.example.*
          DOMAIN | Example.COM        | UNREVERSED_DOMAIN                     | .com.example.*
          DOMAIN | com.example.*      | MISSING_LEADING_DOT                   | .com.example.*
          DOMAIN | .com.domaina.lync  | MISSING_TRAILING_WILDCARD             | .com.domaina.lync.*
          DOMAIN | com.example.sip    | MISSING_LEADING_DOT MISSING_TRAILING_WILDCARD | .com.example.sip
          DOMAIN | .com.example*      | NO_LABEL_BOUNDARY                     | .com.example.*
          DOMAIN | .com.example.\\*   | MISSING_TRAILING_WILDCARD             | .com.example.\\*.*
          DOMAIN | .com.ex\\          | -                                     | ''
          USER   | 1408*              | -                                     | ''
          USER   | 14*08              | USER_STAR_NOT_AT_END                  | ''
          USER   | example.com        | -                                     | ''
          """)
  void lintsPatterns(RouteType type, String pattern, String codes, String suggestion) {
    List<LintFinding> findings = PatternLint.lintPattern(pattern, type);
    if (codes.equals("-")) {
      assertThat(findings).isEmpty();
      return;
    }
    assertThat(findings)
        .extracting(LintFinding::code)
        .containsExactly(
            java.util.Arrays.stream(codes.split(" ")).map(Code::valueOf).toArray(Code[]::new));
    assertThat(findings.get(0).suggestion()).isEqualTo(suggestion);
    assertThat(findings).allSatisfy(f -> assertThat(f.routeIndex()).isEqualTo(-1));
  }

  @Test
  void severities() {
    assertThat(PatternLint.lintPattern("com.example.*", RouteType.DOMAIN).get(0).severity())
        .isEqualTo(Severity.ERROR);
    assertThat(PatternLint.lintPattern("example.com", RouteType.DOMAIN).get(0).severity())
        .isEqualTo(Severity.WARNING);
  }

  @Test
  void lintsTablesWithIndexesAndDuplicates() {
    StaticRoute a =
        StaticRoute.builder(".com.example.*")
            .routeType(RouteType.DOMAIN)
            .protocol(Transport.TLS)
            .nextHop("edge.example.com", 5061)
            .build();
    List<StaticRoute> routes =
        List.of(
            a,
            a.toBuilder().destinationPattern(".COM.example.*").nextHop("EDGE.example.com.").build(),
            a.toBuilder().nextHopPort(5062).build(),
            a.toBuilder().destinationPattern("example.com").build(),
            a.toBuilder().routeType(RouteType.USER).build());

    assertThat(PatternLint.lintTable(routes))
        .extracting(LintFinding::routeIndex, LintFinding::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, Code.DUPLICATE_ROUTE),
            org.assertj.core.groups.Tuple.tuple(3, Code.UNREVERSED_DOMAIN));
    assertThat(PatternLint.lintTable(routes).get(0).message()).contains("route 0");
  }

  @Test
  void ignoresWhatValidationReports() {
    assertThat(PatternLint.lintPattern(null, RouteType.DOMAIN)).isEmpty();
    assertThat(PatternLint.lintPattern("", RouteType.DOMAIN)).isEmpty();
    assertThat(PatternLint.lintPattern(".com.x.*", null)).isEmpty();
  }
}
