package io.fedgate.appliance.store;

import java.time.Instant;

/**
 * One audited change of runtime configuration. {@code before}/{@code after} are JSON with secrets
 * masked; {@code before} is null for a creation and {@code after} null for a deletion.
 */
public record AuditEntry(
    long id,
    Instant occurredAt,
    String actor,
    String objectType,
    String objectId,
    ChangeKind kind,
    String before,
    String after) {

  /** What happened to the object. */
  public enum ChangeKind {
    CREATE,
    UPDATE,
    DELETE
  }
}
