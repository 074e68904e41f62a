package io.fedgate.appliance.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  /** Small Argon2 parameters keep the test fast; the node uses 19 MiB and 2 passes. */
  private final PasswordHasher hasher = new PasswordHasher(new SecureRandom(), 64, 1);

  @Test
  void matchesOnlyTheRightPassword() {
    String stored = hasher.hash("s3cret-Pass".toCharArray());

    assertThat(stored).startsWith("$argon2id$v=19$m=64,t=1,p=1$").doesNotContain("s3cret");
    assertThat(hasher.matches("s3cret-Pass".toCharArray(), stored)).isTrue();
    assertThat(hasher.matches("s3cret-pass".toCharArray(), stored)).isFalse();
    assertThat(hasher.matches("".toCharArray(), stored)).isFalse();
    assertThat(hasher.needsRehash(stored)).isFalse();
  }

  @Test
  void theNodeDefaultIsArgon2idWithOwaspParameters() {
    String stored = new PasswordHasher(new SecureRandom()).hash("pw".toCharArray());

    assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(new PasswordHasher(new SecureRandom()).matches("pw".toCharArray(), stored)).isTrue();
  }

  @Test
  void saltsEveryHash() {
    assertThat(hasher.hash("same".toCharArray())).isNotEqualTo(hasher.hash("same".toCharArray()));
  }

  @Test
  void pbkdf2HashesOfEarlierVersionsStillVerifyAndAskForARehash() throws Exception {
    byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    PBEKeySpec spec = new PBEKeySpec("old-password".toCharArray(), salt, 1000, 256);
    byte[] hash =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    String stored =
        "pbkdf2-sha256$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);

    assertThat(hasher.matches("old-password".toCharArray(), stored)).isTrue();
    assertThat(hasher.matches("old-passwort".toCharArray(), stored)).isFalse();
    assertThat(hasher.needsRehash(stored)).isTrue();
  }

  @Test
  void aMalformedOrTamperedStoredHashNeverMatches() {
    assertThat(hasher.matches("x".toCharArray(), "plain-text")).isFalse();
    assertThat(hasher.matches("x".toCharArray(), "pbkdf2-sha256$abc$!!$??")).isFalse();
    assertThat(hasher.matches("x".toCharArray(), "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA"))
        .isFalse();
    assertThat(hasher.matches("x".toCharArray(), "$argon2id$v=19$m=64$!!$??")).isFalse();
  }

  @Test
  void generatedSecretsAreLongAndDistinct() {
    Tokens tokens = new Tokens(new SecureRandom());
    assertThat(tokens.newPassword()).hasSize(20).isNotEqualTo(tokens.newPassword());
    assertThat(tokens.newToken()).hasSizeGreaterThanOrEqualTo(43);
    assertThat(Tokens.hashToken("abc")).isEqualTo(Tokens.hashToken("abc")).startsWith("sha256$");
  }
}
