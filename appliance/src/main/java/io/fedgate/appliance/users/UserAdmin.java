package io.fedgate.appliance.users;

import io.fedgate.appliance.config.ConfigChanges;
import io.fedgate.appliance.config.ConfigChanges.Change;
import io.fedgate.appliance.config.ConfigObject;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.store.AuditEntry.ChangeKind;
import io.fedgate.appliance.store.JdbcLocalUsers;
import io.fedgate.appliance.store.JdbcLocalUsers.UserWithKeys;
import io.fedgate.appliance.store.LocalUser;
import io.fedgate.appliance.store.ScramKeys;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.core.stanza.Jid;
import io.fedgate.xmpp.c2s.LocalSessions;
import io.fedgate.xmpp.sasl.ScramCredentials;
import io.fedgate.xmpp.stream.StreamError;
import io.fedgate.xmpp.stream.StreamErrorCondition;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Local users: create, set password, disable, enable, remove, list. Each change is validated (every
 * problem at once), stored with its audit entry in one transaction (never the password: only SCRAM
 * keys are stored and the audit shows the user without them), then the in-memory {@link
 * UserDirectory} is swapped. Disabling or removing a user closes its sessions.
 */
public final class UserAdmin {
  private final ConfigChanges changes;
  private final JdbcLocalUsers users;
  private final UserValidation validation;
  private final UserDirectory directory;
  private final LocalSessions sessions;
  private final SecureRandom random;

  public UserAdmin(
      ConfigChanges changes,
      JdbcLocalUsers users,
      UserValidation validation,
      UserDirectory directory,
      LocalSessions sessions,
      SecureRandom random) {
    this.changes = changes;
    this.users = users;
    this.validation = validation;
    this.directory = directory;
    this.sessions = sessions;
    this.random = random;
    reload();
  }

  public List<LocalUser> list() {
    return changes.read(users::all).stream().map(UserWithKeys::user).toList();
  }

  public ConfigResult<LocalUser> add(String actor, String username, String domain, char[] pw) {
    String name = UserValidation.normalise(username);
    String dom = validation.domainOrDefault(domain);
    List<ConfigProblem> problems = new ArrayList<>(validation.username(name));
    problems.addAll(validation.domain(dom));
    problems.addAll(validation.password(pw));
    if (problems.isEmpty() && find(name, dom).isPresent()) {
      problems.add(new ConfigProblem("username", name + "@" + dom + " already exists"));
    }
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    ScramKeys keys = ScramKeys.derive(pw, random, ScramCredentials.DEFAULT_ITERATIONS);
    ConfigResult<LocalUser> result =
        changes.apply(
            c -> users.insert(c, name, dom, keys),
            stored -> change(actor, stored, ChangeKind.CREATE, null, stored));
    reload();
    return result;
  }

  public ConfigResult<LocalUser> setPassword(String actor, String user, char[] password) {
    List<ConfigProblem> problems = validation.password(password);
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems);
    }
    Optional<LocalUser> existing = resolve(user);
    if (existing.isEmpty()) {
      return unknown(user);
    }
    LocalUser u = existing.get();
    ScramKeys keys = ScramKeys.derive(password, random, ScramCredentials.DEFAULT_ITERATIONS);
    ConfigResult<LocalUser> result =
        changes.apply(
            change(actor, u, ChangeKind.UPDATE, u, u),
            c -> {
              users.updateKeys(c, u.id(), keys);
              return u;
            });
    reload();
    return result;
  }

  public ConfigResult<LocalUser> setEnabled(String actor, String user, boolean enabled) {
    Optional<LocalUser> existing = resolve(user);
    if (existing.isEmpty()) {
      return unknown(user);
    }
    LocalUser before = existing.get();
    LocalUser after = new LocalUser(before.id(), before.username(), before.domain(), enabled);
    ConfigResult<LocalUser> result =
        changes.apply(
            change(actor, before, ChangeKind.UPDATE, before, after),
            c -> {
              users.setEnabled(c, before.id(), enabled);
              return after;
            });
    reload();
    if (!enabled) {
      closeSessions(before, "account disabled by an administrator");
    }
    return result;
  }

  public ConfigResult<LocalUser> remove(String actor, String user) {
    Optional<LocalUser> existing = resolve(user);
    if (existing.isEmpty()) {
      return unknown(user);
    }
    LocalUser u = existing.get();
    ConfigResult<LocalUser> result =
        changes.apply(
            change(actor, u, ChangeKind.DELETE, u, null),
            c -> {
              users.delete(c, u.id());
              return u;
            });
    reload();
    closeSessions(u, "account removed by an administrator");
    return result;
  }

  /** {@code name} or {@code name@domain}; the default domain when none is given. */
  private Optional<LocalUser> resolve(String user) {
    int at = user.lastIndexOf('@');
    String name = UserValidation.normalise(at < 0 ? user : user.substring(0, at));
    String domain = validation.domainOrDefault(at < 0 ? null : user.substring(at + 1));
    return find(name, domain);
  }

  private Optional<LocalUser> find(String name, String domain) {
    return changes.read(c -> users.find(c, name, domain)).map(UserWithKeys::user);
  }

  private void reload() {
    directory.replace(changes.read(users::all));
  }

  private void closeSessions(LocalUser user, String reason) {
    Jid.parse(user.jid())
        .ifPresent(
            bare ->
                sessions
                    .ofUser(bare)
                    .forEach(
                        s ->
                            s.close(new StreamError(StreamErrorCondition.NOT_AUTHORIZED, reason))));
  }

  private static Change change(
      String actor, LocalUser user, ChangeKind kind, LocalUser before, LocalUser after) {
    return new Change(actor, ConfigObject.LOCAL_USERS, user.jid(), kind, before, after);
  }

  private static <T> ConfigResult<T> unknown(String user) {
    return ConfigResult.refused("username", "no local user " + user);
  }
}
