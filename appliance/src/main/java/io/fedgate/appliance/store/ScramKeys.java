package io.fedgate.appliance.store;

import io.fedgate.xmpp.sasl.ScramAlgorithm;
import io.fedgate.xmpp.sasl.ScramCredentials;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;

/**
 * The stored form of one password for both SCRAM variants (RFC 5802 §3, RFC 7677): one salt and
 * iteration count shared by SCRAM-SHA-1 and SCRAM-SHA-256, as in the {@code local_user} table.
 */
public record ScramKeys(Map<ScramAlgorithm, ScramCredentials> byAlgorithm) {

  public ScramKeys {
    byAlgorithm = Map.copyOf(byAlgorithm);
    if (byAlgorithm.size() != ScramAlgorithm.values().length) {
      throw new IllegalArgumentException("keys for every SCRAM variant are needed");
    }
  }

  /** Derives the keys of both variants from a fresh 16-byte salt. */
  public static ScramKeys derive(char[] password, SecureRandom random, int iterations) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    Map<ScramAlgorithm, ScramCredentials> keys = new EnumMap<>(ScramAlgorithm.class);
    for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
      keys.put(algorithm, ScramCredentials.derive(algorithm, password, salt, iterations));
    }
    return new ScramKeys(keys);
  }

  public ScramCredentials of(ScramAlgorithm algorithm) {
    return byAlgorithm.get(algorithm);
  }

  @Override
  public String toString() {
    return "ScramKeys[" + byAlgorithm.keySet() + "]";
  }
}
