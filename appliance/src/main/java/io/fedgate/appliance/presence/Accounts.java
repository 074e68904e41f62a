package io.fedgate.appliance.presence;

import io.fedgate.appliance.store.LocalUser;
import io.fedgate.appliance.users.UserDirectory;
import io.fedgate.core.stanza.Jid;
import java.util.Optional;
import java.util.Set;

/** Local, enabled accounts by bare JID (an in-memory lookup in the {@link UserDirectory}). */
final class Accounts {
  private final Set<String> localDomains;
  private final UserDirectory users;

  Accounts(Set<String> localDomains, UserDirectory users) {
    this.localDomains = Set.copyOf(localDomains);
    this.users = users;
  }

  /** The user id of this local, enabled account. */
  Optional<Long> id(Jid jid) {
    if (jid.local().isEmpty() || !localDomains.contains(jid.domain())) {
      return Optional.empty();
    }
    return users.enabled(jid.local(), jid.domain()).map(LocalUser::id);
  }
}
