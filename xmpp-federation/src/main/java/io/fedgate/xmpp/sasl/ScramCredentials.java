package io.fedgate.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the server stores for one user and one SCRAM variant (RFC 5802 §3): salt, iteration count,
 * StoredKey and ServerKey. Never the password.
 */
public record ScramCredentials(
    ScramAlgorithm algorithm, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {

  /** RFC 7677 §4 recommends at least 4096 iterations. */
  public static final int DEFAULT_ITERATIONS = 4096;

  public ScramCredentials {
    Objects.requireNonNull(algorithm, "algorithm");
    salt = salt.clone();
    storedKey = storedKey.clone();
    serverKey = serverKey.clone();
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
  }

  /** Derives the stored form from a password with a fresh 16-byte salt. */
  public static ScramCredentials derive(
      ScramAlgorithm algorithm, char[] password, SecureRandom random, int iterations) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return derive(algorithm, password, salt, iterations);
  }

  /** Derives the stored form from a password, salt and iteration count (RFC 5802 §3). */
  public static ScramCredentials derive(
      ScramAlgorithm algorithm, char[] password, byte[] salt, int iterations) {
    byte[] salted = ScramCrypto.hi(algorithm, password, salt, iterations);
    byte[] clientKey = ScramCrypto.hmac(algorithm, salted, bytes("Client Key"));
    byte[] serverKey = ScramCrypto.hmac(algorithm, salted, bytes("Server Key"));
    return new ScramCredentials(
        algorithm, salt, iterations, ScramCrypto.hash(algorithm, clientKey), serverKey);
  }

  /** Whether this password derives the same StoredKey (used for SASL PLAIN). */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(
        derive(algorithm, password, salt, iterations).storedKey, storedKey);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] storedKey() {
    return storedKey.clone();
  }

  @Override
  public byte[] serverKey() {
    return serverKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScramCredentials c
        && c.algorithm == algorithm
        && c.iterations == iterations
        && Arrays.equals(c.salt, salt)
        && Arrays.equals(c.storedKey, storedKey)
        && Arrays.equals(c.serverKey, serverKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, iterations, Arrays.hashCode(salt));
  }

  @Override
  public String toString() {
    return "ScramCredentials[" + algorithm + ", iterations=" + iterations + "]";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
