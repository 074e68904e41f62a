package io.fedgate.xmpp.sasl;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link CredentialStore} in memory: for tests and as the appliance's cache. Thread-safe. */
public final class InMemoryCredentialStore implements CredentialStore {
  private final Map<String, Map<ScramAlgorithm, ScramCredentials>> users =
      new ConcurrentHashMap<>();
  private final SecureRandom random;
  private final int iterations;

  public InMemoryCredentialStore(SecureRandom random, int iterations) {
    this.random = random;
    this.iterations = iterations;
  }

  /** Stores SCRAM keys for every {@link ScramAlgorithm}; the password itself is not kept. */
  public void put(String username, char[] password) {
    Map<ScramAlgorithm, ScramCredentials> keys = new java.util.EnumMap<>(ScramAlgorithm.class);
    for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
      keys.put(algorithm, ScramCredentials.derive(algorithm, password, random, iterations));
    }
    users.put(username.toLowerCase(Locale.ROOT), Map.copyOf(keys));
  }

  public void remove(String username) {
    users.remove(username.toLowerCase(Locale.ROOT));
  }

  @Override
  public Optional<ScramCredentials> lookup(String username, ScramAlgorithm algorithm) {
    return Optional.ofNullable(users.get(username.toLowerCase(Locale.ROOT)))
        .map(keys -> keys.get(algorithm));
  }
}
