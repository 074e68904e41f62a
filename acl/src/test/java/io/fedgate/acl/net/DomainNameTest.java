package io.fedgate.acl.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

  @ParameterizedTest
  @CsvSource({"Example.COM, example.com", "example.com., example.com", "' a-b.c9 ', a-b.c9"})
  void normalizes(String text, String value) {
    assertThat(DomainName.parse(text))
        .hasValueSatisfying(d -> assertThat(d.value()).isEqualTo(value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "a..b",
        "-a.com",
        "a-.com",
        "*.example.com",
        "a_b.com",
        "10.0.0.1",
        "exa mple.com"
      })
  void rejects(String text) {
    assertThat(DomainName.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource({
    "example.com, example.com, true",
    "example.com, sip.example.com, true",
    "example.com, a.b.example.com, true",
    "example.com, badexample.com, false",
    "example.com, example.com.evil.org, false",
    "sip.example.com, example.com, false",
    "com, example.com, true"
  })
  void labelBoundary(String domain, String name, boolean covered) {
    assertThat(
            DomainName.parse(domain)
                .orElseThrow()
                .isSameOrParentOf(DomainName.parse(name).orElseThrow()))
        .isEqualTo(covered);
  }
}
