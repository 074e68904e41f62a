package io.fedgate.appliance.config;

import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceRegistry;
import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.store.AuditJson;
import io.fedgate.appliance.store.AuditLog;
import io.fedgate.appliance.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a validated runtime config change and its audit entry in one transaction, then tells the
 * affected services (applied live, or "restart required").
 */
public final class ConfigChanges {

  /** The database work of one change; returns what was stored. */
  @FunctionalInterface
  public interface Write<T> {
    T apply(Connection connection) throws SQLException;
  }

  /** One audited change: who, which object, and its before/after views (no secrets in them). */
  public record Change(
      String actor,
      ConfigObject object,
      String objectId,
      AuditEntry.ChangeKind kind,
      Object before,
      Object after) {}

  private final Database database;
  private final AuditLog audit;
  private final ServiceRegistry services;

  public ConfigChanges(Database database, AuditLog audit, ServiceRegistry services) {
    this.database = database;
    this.audit = audit;
    this.services = services;
  }

  public <T> ConfigResult<T> apply(Change change, Write<T> write) {
    return applyAll(write, stored -> List.of(change));
  }

  /**
   * As {@link #apply(Change, Write)}, for changes whose audit entry depends on what was stored (the
   * id of a created row).
   */
  public <T> ConfigResult<T> apply(Write<T> write, Function<T, Change> describe) {
    return applyAll(write, stored -> List.of(describe.apply(stored)));
  }

  /** One transaction that changes several objects (a domain and its ACL entry), each audited. */
  public <T> ConfigResult<T> applyAll(Write<T> write, Function<T, List<Change>> describe) {
    List<Change> described = new ArrayList<>();
    T stored =
        database.inTransaction(
            c -> {
              T value = write.apply(c);
              described.clear();
              described.addAll(describe.apply(value));
              for (Change change : described) {
                audit.record(
                    c,
                    change.actor(),
                    change.object().key(),
                    change.objectId(),
                    change.kind(),
                    AuditJson.of(change.before()),
                    AuditJson.of(change.after()));
              }
              return value;
            });
    Set<ServiceName> live = EnumSet.noneOf(ServiceName.class);
    Set<ServiceName> restart = EnumSet.noneOf(ServiceName.class);
    for (ConfigObject object : described.stream().map(Change::object).distinct().toList()) {
      ServiceRegistry.ChangeOutcome effect =
          services.configChanged(object.key(), object.key() + " changed", object.affects());
      live.addAll(effect.appliedLive());
      restart.addAll(effect.restartRequired());
    }
    return new ConfigResult.Done<>(stored, live, restart);
  }

  /** Runs a read in its own transaction. */
  public <T> T read(Database.Work<T> work) {
    return database.inTransaction(work);
  }
}
