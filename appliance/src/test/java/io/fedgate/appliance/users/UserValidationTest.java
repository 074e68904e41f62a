package io.fedgate.appliance.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.core.config.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserValidationTest {
  private final UserValidation rules = new UserValidation(List.of("example.com", "other.org"));

  @ParameterizedTest
  @ValueSource(strings = {"alice", "bob.smith", "josé", "a+b", "x_1"})
  void acceptsOrdinaryLocalparts(String username) {
    assertThat(rules.username(username)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "a b", "a@b", "a/b", "a:b", "a<b", "a>b", "a&b", "a\"b", "a'b", "tab\there"})
  void refusesWhatRfc7622ForbidsInALocalpart(String username) {
    assertThat(rules.username(username)).extracting(ConfigProblem::field).containsOnly("username");
  }

  @Test
  void refusesALocalpartOver1023Bytes() {
    assertThat(rules.username("é".repeat(512))).isNotEmpty(); // 1024 bytes of UTF-8
    assertThat(rules.username("a".repeat(1023))).isEmpty();
  }

  @Test
  void normalisesCaseAndUnicodeComposition() {
    assertThat(UserValidation.normalise(" Alice ")).isEqualTo("alice");
    assertThat(UserValidation.normalise("Jose\u0301")).isEqualTo("jos\u00e9");
  }

  @Test
  void passwordsMustBe8To1023Characters() {
    assertThat(rules.password("short".toCharArray()))
        .extracting(ConfigProblem::field)
        .containsExactly("password");
    assertThat(rules.password("long enough".toCharArray())).isEmpty();
    assertThat(rules.password(new char[1024])).isNotEmpty();
  }

  @Test
  void theDomainMustBeLocalAndDefaultsToTheFirst() {
    assertThat(rules.domainOrDefault(null)).isEqualTo("example.com");
    assertThat(rules.domainOrDefault(" Other.ORG ")).isEqualTo("other.org");
    assertThat(rules.domain("other.org")).isEmpty();
    assertThat(rules.domain("remote.example"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not a local domain"));
  }
}
