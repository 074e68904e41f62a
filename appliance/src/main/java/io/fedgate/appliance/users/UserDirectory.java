package io.fedgate.appliance.users;

import io.fedgate.appliance.store.JdbcLocalUsers.UserWithKeys;
import io.fedgate.appliance.store.LocalUser;
import io.fedgate.xmpp.sasl.CredentialStore;
import io.fedgate.xmpp.sasl.ScramAlgorithm;
import io.fedgate.xmpp.sasl.ScramCredentials;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of the local users and their SCRAM keys, swapped atomically after each
 * change. The C2S event loops and the router read it; they never touch the database.
 */
public final class UserDirectory {
  private final AtomicReference<Map<String, UserWithKeys>> byJid = new AtomicReference<>(Map.of());

  /** Replaces the snapshot (after a committed change, or at start). */
  public void replace(List<UserWithKeys> users) {
    byJid.set(
        users.stream()
            .collect(Collectors.toUnmodifiableMap(u -> u.user().jid(), Function.identity())));
  }

  /** An enabled user by localpart and domain (localpart as a client sent it). */
  public Optional<LocalUser> enabled(String username, String domain) {
    return find(username, domain).map(UserWithKeys::user).filter(LocalUser::enabled);
  }

  /** The credentials of one domain's users, for its C2S listeners; disabled users are unknown. */
  public CredentialStore credentials(String domain) {
    return (String username, ScramAlgorithm algorithm) ->
        find(username, domain)
            .filter(u -> u.user().enabled())
            .map(u -> (ScramCredentials) u.keys().of(algorithm));
  }

  private Optional<UserWithKeys> find(String username, String domain) {
    return Optional.ofNullable(byJid.get().get(UserValidation.normalise(username) + "@" + domain));
  }
}
