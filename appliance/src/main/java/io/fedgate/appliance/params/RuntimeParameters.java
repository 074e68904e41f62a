package io.fedgate.appliance.params;

import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceRegistry;
import io.fedgate.appliance.store.AuditEntry;
import io.fedgate.appliance.store.AuditJson;
import io.fedgate.appliance.store.AuditLog;
import io.fedgate.appliance.store.Database;
import io.fedgate.appliance.store.NodeSettings;
import io.fedgate.core.config.ConfigProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The runtime parameters: an immutable snapshot read by the services, replaced atomically after
 * each validated, audited change in the config database.
 */
public final class RuntimeParameters {

  /** The result of a change: refused with problems, or stored with its effect on services. */
  public sealed interface Outcome {
    /** Nothing was stored. */
    record Refused(List<ConfigProblem> problems) implements Outcome {}

    /** Stored and audited; the services either applied it live or need a restart. */
    record Changed(
        String name,
        String previous,
        String value,
        Set<ServiceName> appliedLive,
        Set<ServiceName> restartRequired)
        implements Outcome {}
  }

  private final Database database;
  private final NodeSettings settings;
  private final AuditLog audit;
  private final ServiceRegistry services;
  private final AtomicReference<Map<String, String>> snapshot;

  public RuntimeParameters(
      Database database, NodeSettings settings, AuditLog audit, ServiceRegistry services) {
    this.database = database;
    this.settings = settings;
    this.audit = audit;
    this.services = services;
    this.snapshot = new AtomicReference<>(load());
  }

  private Map<String, String> load() {
    Map<String, String> stored = database.inTransaction(settings::all);
    Map<String, String> values = new LinkedHashMap<>();
    for (ParameterDefinition definition : ParameterCatalog.all()) {
      values.put(
          definition.name(), stored.getOrDefault(definition.name(), definition.defaultValue()));
    }
    return Map.copyOf(values);
  }

  /** Current values of every parameter (defaults included). */
  public Map<String, String> values() {
    return snapshot.get();
  }

  public String value(String name) {
    String value = snapshot.get().get(name);
    if (value == null) {
      throw new IllegalArgumentException("unknown parameter " + name);
    }
    return value;
  }

  /** Validates, stores and audits a change, then tells the affected services. */
  public Outcome set(String actor, String name, String value) {
    Optional<ParameterDefinition> found = ParameterCatalog.find(name);
    if (found.isEmpty()) {
      return new Outcome.Refused(List.of(new ConfigProblem(name, "unknown parameter")));
    }
    ParameterDefinition definition = found.get();
    String trimmed = value.trim();
    Optional<String> problem = definition.check(trimmed);
    if (problem.isPresent()) {
      return new Outcome.Refused(List.of(new ConfigProblem(name, problem.get())));
    }
    String previous =
        database.inTransaction(
            c -> {
              String before = settings.put(c, name, trimmed).orElse(definition.defaultValue());
              audit.record(
                  c,
                  actor,
                  "parameter",
                  name,
                  AuditEntry.ChangeKind.UPDATE,
                  AuditJson.of(before),
                  AuditJson.of(trimmed));
              return before;
            });
    snapshot.set(load());
    ServiceRegistry.ChangeOutcome effect =
        services.configChanged(name, "parameter " + name + " changed", definition.affects());
    return new Outcome.Changed(
        name, previous, trimmed, effect.appliedLive(), effect.restartRequired());
  }
}
