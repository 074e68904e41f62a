package io.fedgate.routes.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationPatternTest {

  @ParameterizedTest(name = "{0} {1} ~ {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # syntax | pattern          | subject              | matches
          # host patterns: '.' literal, '*' any run, trailing '.*' covers the domain itself
          HOST     | .com.example.*   | .com.example         | true
          HOST     | .com.example.*   | .com.example.sip     | true
          HOST     | .com.example.*   | .com.example.a.b.c   | true
          HOST     | .com.example.*   | .com.examplex        | false
          HOST     | .com.example.*   | .com.exampl          | false
          HOST     | .com.example.*   | .net.example         | false
          HOST     | .com.example.*   | xcom.example         | false
          HOST     | .COM.Example.*   | .com.example.sip     | true
          HOST     | .com.domaina.lync | .com.domaina.lync   | true
          HOST     | .com.domaina.lync | .com.domaina.lync2  | false
          HOST     | .com.domaina.lync | .com.domaina.lync.a | false
          HOST     | .com.domaina.lync | .com.domaina        | false
          HOST     | .*               | .com.example         | true
          HOST     | .*               | .org                 | true
          HOST     | *                | .org                 | true
          HOST     | .com.*.sip       | .com.example.sip     | true
          HOST     | .com.*.sip       | .com.a.b.sip         | true
          HOST     | .com.*.sip       | .com.example.sap     | false
          HOST     | .com.example*    | .com.examplex        | true
          HOST     | .com.ex\\*mple.* | .com.ex*mple.a       | true
          HOST     | .com.ex\\*mple.* | .com.example.a       | false
          # user patterns: '.' one character, '*' any run, '\\*' a literal asterisk
          USER     | 1408.......      | 14085551234          | true
          USER     | 1408.......      | 1408555123           | false
          USER     | 1408.......      | 140855512345         | false
          USER     | 1408*            | 1408                 | true
          USER     | 1408*            | 14085551234          | true
          USER     | 1408*            | 1409                 | false
          USER     | bob              | bob                  | true
          USER     | bob              | Bob                  | false
          USER     | b.b              | bab                  | true
          USER     | \\*67*           | *6714085551234       | true
          USER     | \\*67*           | 6714085551234        | false
          USER     | .*               | a                    | true
          USER     | .*               | ''                   | false
          USER     | *                | ''                   | true
          USER     | a\\.b            | a.b                  | true
          USER     | a\\.b            | axb                  | false
          """)
  void matchesEachWildcardForm(
      PatternSyntax syntax, String pattern, String subject, boolean expected) {
    assertThat(DestinationPattern.compile(pattern, syntax).matches(subject)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is more specific than {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # syntax | more specific      | less specific
          HOST     | .com.example.sip   | .com.example.*
          HOST     | .com.example.*     | .com.*
          HOST     | .com.*             | .*
          HOST     | .com.ex\\*mple.*   | .com.ex*mple.*
          USER     | 14085551234        | 1408.......
          USER     | 1408.......        | 1408*
          USER     | 14.*               | 14*
          """)
  void specificityOrder(PatternSyntax syntax, String moreSpecific, String lessSpecific) {
    Specificity more = DestinationPattern.compile(moreSpecific, syntax).specificity();
    Specificity less = DestinationPattern.compile(lessSpecific, syntax).specificity();
    assertThat(more).isGreaterThan(less);
  }

  @Test
  void specificityCountsLiteralsWildcards() {
    assertThat(DestinationPattern.compile("1408...*", PatternSyntax.USER).specificity())
        .isEqualTo(new Specificity(4, 3, 1));
    assertThat(DestinationPattern.compile(".com.example.*", PatternSyntax.HOST).specificity())
        .isEqualTo(new Specificity(13, 0, 1));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''           | must not be empty
          'a b'        | whitespace
          '.com.x\\'   | unfinished escape
          """)
  void syntaxErrors(String pattern, String message) {
    assertThat(DestinationPattern.syntaxErrors(pattern))
        .anySatisfy(e -> assertThat(e).contains(message));
    assertThatThrownBy(() -> DestinationPattern.compile(pattern, PatternSyntax.HOST))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void escapedBackslashAtEndIsComplete() {
    assertThat(DestinationPattern.syntaxErrors("a\\\\")).isEmpty();
    assertThat(DestinationPattern.compile("a\\\\", PatternSyntax.USER).matches("a\\")).isTrue();
  }

  @Test
  void shapeQueries() {
    DestinationPattern domain = DestinationPattern.compile(".com.example.*", PatternSyntax.HOST);
    assertThat(domain.coversDomainItself()).isTrue();
    assertThat(domain.endsWithWildcard()).isTrue();
    assertThat(domain.isExact()).isFalse();
    DestinationPattern escaped = DestinationPattern.compile(".com.example.\\*", PatternSyntax.HOST);
    assertThat(escaped.endsWithWildcard()).isFalse();
    assertThat(escaped.isExact()).isTrue();
    assertThat(DestinationPattern.compile("1*2", PatternSyntax.USER).hasInnerStar()).isTrue();
    assertThat(DestinationPattern.compile("12*", PatternSyntax.USER).hasInnerStar()).isFalse();
  }

  @Test
  void hostPatternsEqualIgnoringCase() {
    assertThat(DestinationPattern.compile(".COM.x.*", PatternSyntax.HOST))
        .isEqualTo(DestinationPattern.compile(".com.X.*", PatternSyntax.HOST))
        .hasSameHashCodeAs(DestinationPattern.compile(".com.x.*", PatternSyntax.HOST));
    assertThat(DestinationPattern.compile("Bob", PatternSyntax.USER))
        .isNotEqualTo(DestinationPattern.compile("bob", PatternSyntax.USER));
  }
}
