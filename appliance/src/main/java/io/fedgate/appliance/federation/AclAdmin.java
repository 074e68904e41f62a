package io.fedgate.appliance.federation;

import io.fedgate.acl.AclProblem;
import io.fedgate.acl.incoming.AclEdit;
import io.fedgate.acl.incoming.AclEntries;
import io.fedgate.acl.incoming.AclEntry;
import io.fedgate.acl.incoming.AclEntryType;
import io.fedgate.acl.incoming.AclValidator;
import io.fedgate.acl.incoming.IncomingAcl;
import io.fedgate.appliance.config.ConfigChanges;
import io.fedgate.appliance.config.ConfigChanges.Change;
import io.fedgate.appliance.config.ConfigObject;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.store.AuditEntry.ChangeKind;
import io.fedgate.appliance.store.JdbcIncomingAcl;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The incoming ACL (System > Security > Incoming ACL): operator entries are added and removed here;
 * read-only entries belong to SIP federated domains and change only with them.
 */
public final class AclAdmin {
  private final ConfigChanges changes;
  private final JdbcIncomingAcl store;
  private final AtomicReference<IncomingAcl> acl = new AtomicReference<>();

  public AclAdmin(ConfigChanges changes, JdbcIncomingAcl store) {
    this.changes = changes;
    this.store = store;
    reload();
  }

  /** The current ACL (immutable snapshot) the SIP listeners evaluate. */
  public IncomingAcl acl() {
    return acl.get();
  }

  public List<AclEntry> list() {
    return changes.read(store::list);
  }

  public ConfigResult<AclEntry> add(String actor, AclEntry entry) {
    List<AclProblem> problems = AclValidator.validate(entry);
    if (!problems.isEmpty()) {
      return ConfigResult.refused(problems.stream().map(AclProblem::toConfigProblem).toList());
    }
    if (entry.readOnly()) {
      return ConfigResult.refused(
          "readOnly", "read-only entries are created by SIP federated domains only");
    }
    AclEdit edit = AclEntries.of(list()).add(entry);
    if (edit instanceof AclEdit.Refused refused) {
      return ConfigResult.refused("pattern", refused.message());
    }
    ConfigResult<AclEntry> result =
        changes.apply(
            new Change(actor, ConfigObject.INCOMING_ACL, id(entry), ChangeKind.CREATE, null, entry),
            c -> {
              store.insert(c, entry, null);
              return entry;
            });
    reload();
    return result;
  }

  public ConfigResult<AclEntry> remove(String actor, AclEntryType type, String pattern) {
    List<AclEntry> current = list();
    AclEdit edit = AclEntries.of(current).remove(type, pattern);
    if (edit instanceof AclEdit.Refused refused) {
      return ConfigResult.refused("pattern", refused.message());
    }
    AclEntry removed =
        current.stream()
            .filter(e -> e.type() == type && e.pattern().equals(pattern))
            .findFirst()
            .orElseThrow();
    ConfigResult<AclEntry> result =
        changes.apply(
            new Change(
                actor, ConfigObject.INCOMING_ACL, id(removed), ChangeKind.DELETE, removed, null),
            c -> {
              store.delete(c, type, pattern);
              return removed;
            });
    reload();
    return result;
  }

  /** Called after SIP federated domains changed their read-only entries. */
  void reload() {
    acl.set(IncomingAcl.of(list()));
  }

  static String id(AclEntry entry) {
    return entry.type() + " " + entry.pattern();
  }
}
