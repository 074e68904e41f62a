package io.fedgate.appliance.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(new SecureRandom(), 1_000);

  @Test
  void matchesOnlyTheRightPassword() {
    String stored = hasher.hash("s3cret-Pass".toCharArray());

    assertThat(stored).startsWith("pbkdf2-sha256$1000$").doesNotContain("s3cret");
    assertThat(hasher.matches("s3cret-Pass".toCharArray(), stored)).isTrue();
    assertThat(hasher.matches("s3cret-pass".toCharArray(), stored)).isFalse();
    assertThat(hasher.matches("".toCharArray(), stored)).isFalse();
  }

  @Test
  void saltsEveryHash() {
    assertThat(hasher.hash("same".toCharArray())).isNotEqualTo(hasher.hash("same".toCharArray()));
  }

  @Test
  void aMalformedStoredHashNeverMatches() {
    assertThat(hasher.matches("x".toCharArray(), "plain-text")).isFalse();
    assertThat(hasher.matches("x".toCharArray(), "pbkdf2-sha256$abc$!!$??")).isFalse();
  }

  @Test
  void generatedSecretsAreLongAndDistinct() {
    Tokens tokens = new Tokens(new SecureRandom());
    assertThat(tokens.newPassword()).hasSize(20).isNotEqualTo(tokens.newPassword());
    assertThat(tokens.newToken()).hasSizeGreaterThanOrEqualTo(43);
    assertThat(Tokens.hashToken("abc")).isEqualTo(Tokens.hashToken("abc")).startsWith("sha256$");
  }
}
