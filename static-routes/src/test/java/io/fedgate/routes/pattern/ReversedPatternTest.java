package io.fedgate.routes.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReversedPatternTest {

  @ParameterizedTest
  @CsvSource({
    "example.com, .com.example.*",
    "Example.COM., .com.example.*",
    "sub.example.co.uk, .uk.co.example.sub.*",
    "localhost, .localhost.*"
  })
  void domainPattern(String domain, String pattern) {
    assertThat(ReversedPattern.forDomain(domain)).isEqualTo(pattern);
  }

  @ParameterizedTest
  @CsvSource({"lync.domaina.com, .com.domaina.lync", "A.B, .b.a"})
  void hostPattern(String host, String pattern) {
    assertThat(ReversedPattern.forHost(host)).isEqualTo(pattern);
  }

  @ParameterizedTest
  @CsvSource({
    "sip.example.com, .com.example.sip",
    "example.com., .com.example",
    "10.1.2.3, .3.2.1.10",
    "'2001:db8::1', '.2001:db8::1'"
  })
  void reversedHost(String host, String reversed) {
    assertThat(ReversedPattern.reverseHost(host)).isEqualTo(reversed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "exa mple.com", "-bad.com", "a..b", "*.example.com"})
  void rejectsNonNames(String name) {
    assertThatThrownBy(() -> ReversedPattern.forDomain(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a DNS name");
  }

  @ParameterizedTest
  @CsvSource({
    ".com.example.*, example.com",
    ".com.domaina.lync, lync.domaina.com",
    ".*, ''",
    ".com.*.sip, ''",
    "com.example.*, ''"
  })
  void forwardName(String pattern, String name) {
    assertThat(ReversedPattern.forwardName(pattern).orElse("")).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "a.b.c.d.example.org", "x"})
  void roundTrip(String domain) {
    assertThat(ReversedPattern.forwardName(ReversedPattern.forDomain(domain))).contains(domain);
    assertThat(
            io.fedgate.routes.pattern.DestinationPattern.compile(
                    ReversedPattern.forDomain(domain), PatternSyntax.HOST)
                .matches(ReversedPattern.reverseHost(domain)))
        .isTrue();
  }
}
